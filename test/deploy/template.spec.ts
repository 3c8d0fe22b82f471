/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return --
   a parsed template is untyped data, read here as the CloudFormation it is */
import { readFileSync } from 'node:fs';
import { parseDocument, visit } from 'yaml';
import { CFN_TAGS, parseTemplate, loadTemplate, resolveFor, type Template } from './cfn-yaml.js';
import { operationFor } from './api-gateway-routes.js';
import { configVariableNames } from '../../src/config/app-config.js';

const TEMPLATE = new URL('../../template.yaml', import.meta.url).pathname;
const template = loadTemplate(TEMPLATE);
const defaults = resolveFor(template);
const { Parameters: params, Conditions: conditions } = template;

const resources = (t: Template, type: string) => Object.values<any>(t.Resources).filter((r) => r.Type === type);
const fn = (t: Template) => t.Resources.Function.Properties;
const protectedRoute = (t: Template) => t.Resources.Api.Properties.DefinitionBody.paths['/{proxy+}']['x-amazon-apigateway-any-method'];
const scheme = (t: Template) => t.Resources.Api.Properties.DefinitionBody.securityDefinitions?.caller;
const runtimeStatements = (t: Template): any[] => t.Resources.FunctionRole.Properties.Policies[0].PolicyDocument.Statement;
const definition = (t: Template) => t.Resources.Api.Properties.DefinitionBody;

describe('cfn-yaml', () => {
  it('turns short-form intrinsics into their long form, scalar and sequence alike', () => {
    const parsed = parseTemplate('a: !Ref X\nb: !GetAtt R.Arn\nc: !Sub [\'${p}\', { p: !Ref Y }]\nd: !If [C, !Ref AWS::NoValue, 1]\n');
    expect(parsed).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['R', 'Arn'] },
      c: { 'Fn::Sub': ['${p}', { p: { Ref: 'Y' } }] },
      d: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 1] },
    });
  });
});

describe('template.yaml', () => {
  it('uses no YAML alias, which CloudFormation refuses', () => {
    let aliases = 0;
    visit(parseDocument(readFileSync(TEMPLATE, 'utf8'), { customTags: CFN_TAGS }), { Alias: () => void aliases++ });
    expect(aliases).toBe(0);
  });
});

describe('template.yaml parameters', () => {
  it.each([
    ['ApiRateLimitRequest', 'Number', 10],
    ['ApiBurstLimitRequest', 'Number', 20],
    ['ApiMonthLimitRequest', 'Number', 100000],
    ['ImageRetentionDays', 'Number', 30],
    ['AuditImagesLimit', 'Number', 0],
    ['LivenessThreshold', 'Number', 0.5],
    ['tempApiToken', 'String', ''],
  ])('declares %s as a %s defaulting to %p', (name, type, fallback) => {
    expect(params[name]).toMatchObject({ Type: type, Default: fallback });
  });

  it.each([
    ['Environment', ['development', 'staging', 'production']],
    ['AuthMode', ['token', 'apikey', 'cognito', 'iam']],
    ['FaceProvider', ['rekognition', 'embedded']],
  ])('restricts %s to %p', (name, allowed) => {
    expect(params[name].Type).toBe('String');
    expect(params[name].AllowedValues).toEqual(allowed);
    expect(allowed).toContain(params[name].Default);
  });

  it('hides the token (NoEcho) and refuses to deploy token mode without one', () => {
    expect(params.tempApiToken.NoEcho).toBe(true);
    const rule = template.Rules.TokenRequiredInTokenMode;
    expect(rule.RuleCondition).toEqual({ 'Fn::Equals': [{ Ref: 'AuthMode' }, 'token'] });
    expect(rule.Assertions[0].Assert).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'tempApiToken' }, ''] }] });
  });

  it('keeps the audit image limit within 0 to 4, and the liveness threshold within 0 to 1', () => {
    expect(params.AuditImagesLimit).toMatchObject({ MinValue: 0, MaxValue: 4 });
    expect(params.LivenessThreshold).toMatchObject({ MinValue: 0, MaxValue: 1 });
  });
});

describe('template.yaml optional resources', () => {
  const optional = { UseKmsKey: ['BucketKey'], UseWaf: ['WebAcl', 'WebAclAssociation'], UseAlarms: ['Api5xxAlarm', 'FunctionThrottlesAlarm'] };

  it.each(Object.entries(optional))('puts %s resources behind that condition, off by default', (condition, names) => {
    for (const name of names) expect(template.Resources[name].Condition).toBe(condition);
    for (const name of names) expect(defaults.Resources).not.toHaveProperty(name);
  });

  it.each(['UseKmsKey', 'UseWaf', 'UseAlarms', 'UseTracing', 'CreateUserPool'])('has condition %s, false with default parameters', (name) => {
    expect(conditions).toHaveProperty(name);
    expect(resolveFor({ ...template, Resources: { Probe: { Condition: name } }, Outputs: {} }).Resources).toEqual({});
  });

  it('turns on X-Ray on the stage, the function and its role only when asked', () => {
    expect(defaults.Resources.Api.Properties.TracingEnabled).toBe(false);
    expect(fn(defaults).Tracing).toBe('PassThrough');
    const traced = resolveFor(template, { EnableTracing: 'true' });
    expect(traced.Resources.Api.Properties.TracingEnabled).toBe(true);
    expect(fn(traced).Tracing).toBe('Active');
    expect(JSON.stringify(traced.Resources.FunctionRole.Properties.ManagedPolicyArns)).toContain('AWSXrayWriteOnlyAccess');
  });

  it('encrypts both buckets with the KMS key, and lets the function use it, only when enabled', () => {
    const kms = resolveFor(template, { EnableKmsKey: 'true' });
    for (const name of ['ImagesBucket', 'SessionsBucket']) {
      expect(kms.Resources[name].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault)
        .toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['BucketKey', 'Arn'] } });
    }
    expect(fn(kms).Environment.Variables.KMS_KEY_ID).toEqual({ 'Fn::GetAtt': ['BucketKey', 'Arn'] });
    expect(runtimeStatements(kms).some((s) => s.Resource?.['Fn::GetAtt']?.[0] === 'BucketKey')).toBe(true);
    expect(fn(defaults).Environment.Variables.KMS_KEY_ID).toBe('');
  });

  it('rate-limits each client address in WAF and attaches the ACL to the API stage', () => {
    const waf = resolveFor(template, { EnableWaf: 'true' });
    expect(waf.Resources.WebAcl.Properties.Rules[0].Statement.RateBasedStatement).toEqual({ Limit: { Ref: 'WafRateLimit' }, AggregateKeyType: 'IP' });
    expect(JSON.stringify(waf.Resources.WebAclAssociation.Properties.ResourceArn)).toContain('"Ref":"Api"');
  });
});

describe('template.yaml function', () => {
  it('runs Node.js 20 or newer on arm64, built by the Makefile target SAM calls, which runs scripts/build-lambda.mjs', () => {
    expect(Number(/^nodejs(\d+)\.x$/.exec(fn(template).Runtime)?.[1])).toBeGreaterThanOrEqual(20);
    expect(fn(template).Architectures).toEqual(['arm64']);
    expect(template.Resources.Function.Metadata.BuildMethod).toBe('makefile');
    // SAM looks for the Makefile in CodeUri and runs build-<logical id> with ARTIFACTS_DIR set.
    expect(fn(template).CodeUri).toBe('./');
    const makefile = readFileSync(new URL('../../Makefile', import.meta.url), 'utf8');
    expect(makefile).toMatch(/^build-Function:\n\tnode scripts\/build-lambda\.mjs "\$\(ARTIFACTS_DIR\)"$/m);
    expect(fn(template).Handler).toBe('lambda.handler');
  });

  it('hands the app exactly the configuration it reads', () => {
    expect(fn(defaults).Environment.Variables).toEqual({
      ENVIRONMENT: { Ref: 'Environment' },
      API_TOKEN: { Ref: 'tempApiToken' },
      AUTH_MODE: { Ref: 'AuthMode' },
      FACE_PROVIDER: { Ref: 'FaceProvider' },
      STORAGE: 's3',
      IMAGES_BUCKET: { Ref: 'ImagesBucket' },
      SESSIONS_BUCKET: { Ref: 'SessionsBucket' },
      KMS_KEY_ID: '',
      RATE_LIMIT: { Ref: 'ApiRateLimitRequest' },
      BURST_LIMIT: { Ref: 'ApiBurstLimitRequest' },
      MONTH_LIMIT: { Ref: 'ApiMonthLimitRequest' },
      AUDIT_IMAGES: { Ref: 'AuditImagesLimit' },
      REKOGNITION_LIVENESS_THRESHOLD: { Ref: 'LivenessThreshold' },
      COGNITO_IDENTITY_POOL_ID: { Ref: 'LivenessIdentityPool' },
      CAPTURE_TOKEN_SECRET: { 'Fn::Sub': '{{resolve:secretsmanager:${CaptureTokenSecret}:SecretString}}' },
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('hands every container one capture-link key, generated by Secrets Manager', () => {
    expect(template.Resources.CaptureTokenSecret).toMatchObject({ Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { PasswordLength: 64 } } });
    expect(template.Resources.CaptureTokenSecret.Condition).toBeUndefined();
  });

  it('sets only variables the app reads (besides Node\'s own options)', () => {
    const read = configVariableNames();
    expect(read).toContain('AUDIT_IMAGES');
    const set = Object.keys(fn(defaults).Environment.Variables).filter((name) => name !== 'NODE_OPTIONS');
    expect(set.filter((name) => !read.includes(name))).toEqual([]);
  });

  it('passes the static token to the function in token mode only', () => {
    expect(fn(resolveFor(template, { AuthMode: 'apikey' })).Environment.Variables.API_TOKEN).toBe('');
  });

  it('names the identity pool to the function with the Rekognition engine only', () => {
    expect(fn(resolveFor(template, { FaceProvider: 'embedded' })).Environment.Variables).not.toHaveProperty('COGNITO_IDENTITY_POOL_ID');
  });

  it('gives the embedded engine 3008 MB and a longer timeout, Rekognition less', () => {
    const embedded = fn(resolveFor(template, { FaceProvider: 'embedded' }));
    expect(embedded.MemorySize).toBe(3008);
    expect(embedded.Timeout).toBeGreaterThan(fn(defaults).Timeout);
    expect(fn(defaults).MemorySize).toBeLessThan(3008);
  });
});

describe('template.yaml API', () => {
  it('throttles every method of the stage with the rate and burst parameters', () => {
    expect(template.Resources.Api.Type).toBe('AWS::Serverless::Api');
    expect(template.Resources.Api.Properties.MethodSettings).toContainEqual(
      expect.objectContaining({ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: { Ref: 'ApiRateLimitRequest' }, ThrottlingBurstLimit: { Ref: 'ApiBurstLimitRequest' } }),
    );
  });

  it('meters the stage with a usage plan whose quota is the monthly parameter', () => {
    const [plan] = resources(template, 'AWS::ApiGateway::UsagePlan');
    expect(plan.Properties.Quota).toEqual({ Limit: { Ref: 'ApiMonthLimitRequest' }, Period: 'MONTH' });
    expect(plan.Properties.ApiStages).toEqual([{ ApiId: { Ref: 'Api' }, Stage: { Ref: 'Api.Stage' } }]);
  });

  it('leaves authentication to the app in token mode', () => {
    expect(scheme(defaults)).toBeUndefined();
    expect(protectedRoute(defaults).security).toBeUndefined();
  });

  it('requires an API key bound to the usage plan in apikey mode', () => {
    const t = resolveFor(template, { AuthMode: 'apikey' });
    expect(scheme(t)).toEqual({ type: 'apiKey', name: 'x-api-key', in: 'header' });
    expect(protectedRoute(t).security).toEqual([{ caller: [] }]);
    expect(t.Resources.UsagePlanKey.Properties).toMatchObject({ KeyId: { Ref: 'ApiKey' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'UsagePlan' } });
    expect(defaults.Resources).not.toHaveProperty('ApiKey');
  });

  it('uses a Cognito user-pool authorizer in cognito mode, creating the pool unless one is given', () => {
    const created = resolveFor(template, { AuthMode: 'cognito' });
    expect(scheme(created)['x-amazon-apigateway-authorizer']).toEqual({ type: 'cognito_user_pools', providerARNs: [{ 'Fn::GetAtt': ['UserPool', 'Arn'] }] });
    expect(protectedRoute(created).security).toEqual([{ caller: [] }]);
    expect(created.Resources).toHaveProperty('UserPoolClient');
    const existing = resolveFor(template, { AuthMode: 'cognito', CognitoUserPoolArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x' });
    expect(scheme(existing)['x-amazon-apigateway-authorizer'].providerARNs).toEqual([{ Ref: 'CognitoUserPoolArn' }]);
    expect(existing.Resources).not.toHaveProperty('UserPool');
  });

  it('requires SigV4-signed requests (AWS_IAM) in iam mode', () => {
    const t = resolveFor(template, { AuthMode: 'iam' });
    expect(scheme(t)['x-amazon-apigateway-authtype']).toBe('awsSigv4');
    expect(protectedRoute(t).security).toEqual([{ caller: [] }]);
  });

  const modes = ['token', 'apikey', 'cognito', 'iam'];
  const session = '0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';
  const captureRoutes = [
    ['GET', '/liveness'],
    ['GET', '/liveness/capture.js'],
    ['GET', '/liveness/capture.css'],
    ['GET', '/liveness/rekognition.js'],
    ['POST', `/session/${session}/frames`],
    ['GET', `/session/${session}/capture`],
  ];
  const apiRoutes = [
    ['POST', '/session'],
    ['GET', `/session/${session}`],
    ['DELETE', `/session/${session}`],
    ['GET', `/session/${session}/reference-image`],
    ['GET', `/session/${session}/audit-images/0`],
    ['POST', '/compare'],
    ['GET', '/metrics'],
  ];

  it.each(modes)('lets the capture page and its capture-token routes through without an API credential in %s mode', (mode) => {
    const body = definition(resolveFor(template, { AuthMode: mode }));
    expect(body.security).toBeUndefined(); // no API-wide requirement either
    for (const [method, path] of captureRoutes) {
      const operation = operationFor(body.paths, method, path);
      expect({ method, path, routed: operation !== undefined, security: operation?.security }).toEqual({ method, path, routed: true, security: undefined });
    }
  });

  it.each(modes.filter((mode) => mode !== 'token'))('still requires the caller on every other route in %s mode, those beside the capture routes included', (mode) => {
    const { paths } = definition(resolveFor(template, { AuthMode: mode }));
    for (const [method, path] of apiRoutes) {
      expect({ method, path, security: operationFor(paths, method, path)?.security }).toEqual({ method, path, security: [{ caller: [] }] });
    }
  });

  it('routes every other request to the function in token mode', () => {
    const { paths } = definition(defaults);
    for (const [method, path] of apiRoutes) expect(operationFor(paths, method, path)?.['x-amazon-apigateway-integration'].type).toBe('aws_proxy');
  });

  it('names no path variable `proxy` but the catch-all\'s: serverless-express would take it for the whole path', () => {
    const named = Object.keys(definition(template).paths).filter((path) => path.includes('{proxy'));
    expect(named).toEqual(['/{proxy+}']);
  });

  it('sends every operation to the function by one and the same proxy integration', () => {
    const integrations = Object.values<any>(definition(template).paths).flatMap((item) => Object.values<any>(item).map((operation) => operation['x-amazon-apigateway-integration']));
    expect(integrations).toHaveLength(12);
    for (const integration of integrations) expect(integration).toEqual(integrations[0]);
    expect(integrations[0]).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::Sub': expect.stringContaining('/functions/${Function.Arn}/invocations') } });
  });

  it('passes binary bodies (camera frames, session images) through as base64', () => {
    expect(definition(template)['x-amazon-apigateway-binary-media-types']).toEqual(['*/*']);
  });

  it('keeps health and the API docs public in every mode', () => {
    const paths = resolveFor(template, { AuthMode: 'iam' }).Resources.Api.Properties.DefinitionBody.paths;
    for (const path of ['/health', '/openapi.json', '/docs']) expect(paths[path].get.security).toBeUndefined();
  });

  it('lets API Gateway invoke the function for this API only', () => {
    const [permission] = resources(template, 'AWS::Lambda::Permission');
    expect(permission.Properties.SourceArn['Fn::Sub']).toMatch(/:execute-api:.*:\$\{Api\}\/\*$/);
  });
});

describe('template.yaml buckets', () => {
  it.each(['ImagesBucket', 'SessionsBucket'])('%s blocks all public access and is encrypted at rest', (name) => {
    const bucket = defaults.Resources[name].Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
  });

  it.each(['ImagesBucket', 'SessionsBucket'])('%s has a policy denying requests without TLS', (name) => {
    const policy = resources(template, 'AWS::S3::BucketPolicy').find((p) => p.Properties.Bucket.Ref === name);
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('expires images after ImageRetentionDays', () => {
    expect(template.Resources.ImagesBucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Status: 'Enabled', ExpirationInDays: { Ref: 'ImageRetentionDays' } }),
    );
  });

  it('expires session records and token claims after the same retention, since no sweeper runs on Lambda', () => {
    const rules = template.Resources.SessionsBucket.Properties.LifecycleConfiguration.Rules;
    for (const prefix of ['sessions/', 'tokens/']) {
      expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', Prefix: prefix, ExpirationInDays: { Ref: 'ImageRetentionDays' } }));
    }
  });
});

describe('template.yaml IAM', () => {
  const statements = runtimeStatements(defaults);
  const actions = (s: any): string[] => [s.Action].flat();

  it('grants exactly the Rekognition actions the app calls', () => {
    const granted = statements.flatMap(actions).filter((a) => a.startsWith('rekognition:'));
    expect(granted.sort()).toEqual(['rekognition:CompareFaces', 'rekognition:CreateFaceLivenessSession', 'rekognition:GetFaceLivenessSessionResults']);
  });

  it('lets Rekognition write the liveness images to the images bucket with the function\'s rights (it acts as its caller)', () => {
    const puts = statements.filter((s) => s.Effect === 'Allow' && actions(s).includes('s3:PutObject')).flatMap((s) => [s.Resource].flat());
    expect(puts).toContainEqual({ 'Fn::Sub': '${ImagesBucket.Arn}/*' });
    const kms = runtimeStatements(resolveFor(template, { EnableKmsKey: 'true' })).find((s) => s.Resource?.['Fn::GetAtt']?.[0] === 'BucketKey');
    expect(actions(kms).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  it('grants object access to the two buckets only, never on every resource', () => {
    const s3 = statements.filter((s) => actions(s).some((a) => a.startsWith('s3:')));
    for (const s of s3) expect([s.Resource].flat()).not.toContain('*');
    expect(statements.flatMap(actions)).not.toContain('s3:*');
    const objects = s3.find((s) => actions(s).includes('s3:GetObject'));
    expect(objects.Resource).toEqual([{ 'Fn::Sub': '${ImagesBucket.Arn}/*' }, { 'Fn::Sub': '${SessionsBucket.Arn}/*' }]);
  });
});

describe('template.yaml Face Liveness guest credentials', () => {
  const guest = defaults.Resources.LivenessGuestRole.Properties;

  it('creates the identity pool, its guest role and their attachment with the Rekognition engine only', () => {
    const names = ['LivenessIdentityPool', 'LivenessGuestRole', 'LivenessIdentityPoolRoles'];
    for (const name of names) expect(defaults.Resources).toHaveProperty(name);
    const embedded = resolveFor(template, { FaceProvider: 'embedded' });
    for (const name of names) expect(embedded.Resources).not.toHaveProperty(name);
  });

  it('allows unauthenticated identities by the enhanced flow only, the one Amplify uses', () => {
    expect(defaults.Resources.LivenessIdentityPool.Properties).toEqual({ AllowUnauthenticatedIdentities: true, AllowClassicFlow: false });
  });

  it('lets only this pool\'s unauthenticated identities assume the guest role', () => {
    expect(guest.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'LivenessIdentityPool' } },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
        },
      },
    ]);
  });

  it('lets a guest start a liveness stream and do nothing else', () => {
    expect(guest.ManagedPolicyArns).toBeUndefined();
    expect(guest.PermissionsBoundary).toBeUndefined();
    const granted = (guest.Policies as any[]).flatMap((p) => p.PolicyDocument.Statement);
    expect(granted).toEqual([{ Sid: expect.any(String), Effect: 'Allow', Action: 'rekognition:StartFaceLivenessSession', Resource: '*' }]);
    // Nor does any other resource attach a policy to the role.
    const attached = Object.entries<any>(defaults.Resources).filter(([name]) => name !== 'LivenessGuestRole' && JSON.stringify(defaults.Resources[name]).includes('"LivenessGuestRole"'));
    expect(attached.map(([name]) => name)).toEqual(['LivenessIdentityPoolRoles']);
  });

  it('gives the pool the guest role for unauthenticated identities and no role for signed-in ones', () => {
    expect(defaults.Resources.LivenessIdentityPoolRoles.Properties).toEqual({
      IdentityPoolId: { Ref: 'LivenessIdentityPool' },
      Roles: { unauthenticated: { 'Fn::GetAtt': ['LivenessGuestRole', 'Arn'] } },
    });
  });

  it('reports the identity pool id', () => {
    expect(defaults.Outputs.LivenessIdentityPoolId.Value).toEqual({ Ref: 'LivenessIdentityPool' });
  });
});

describe('template.yaml outputs', () => {
  it('reports the API URL and both bucket names', () => {
    expect(template.Outputs.ApiUrl.Value['Fn::Sub']).toMatch(/^https:\/\/\$\{Api\}\.execute-api\./);
    expect(template.Outputs.ImagesBucketName.Value).toEqual({ Ref: 'ImagesBucket' });
    expect(template.Outputs.SessionsBucketName.Value).toEqual({ Ref: 'SessionsBucket' });
  });
});
