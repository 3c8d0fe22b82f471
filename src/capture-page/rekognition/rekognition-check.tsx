// The Rekognition bundle (dist/capture-page/rekognition.js), an ES module that capture.ts imports
// only for sessions in Rekognition mode: React and Amplify stay out of the embedded page.
import { FaceLivenessDetector } from '@aws-amplify/ui-react-liveness';
import { Amplify } from 'aws-amplify';
import { createRoot } from 'react-dom/client';
import type { RekognitionSettings } from '../capture-link.js';
import type { RekognitionOutcome } from './rekognition-outcome.js';

/**
 * The build puts Amplify's stylesheet and the TensorFlow.js WebAssembly binaries beside this
 * module. The face model still comes from Rekognition's CDN (the detector's default faceModelUrl):
 * no package ships it, and a page in this mode needs AWS anyway.
 */
const STYLESHEET = new URL('rekognition.css', import.meta.url);
const WASM_DIRECTORY = new URL('./', import.meta.url);

/**
 * Runs Amplify's FaceLivenessDetector in `host` for the session, with guest credentials of the
 * Cognito identity pool (its region is part of its id), until the detector is done with it.
 */
export async function runRekognitionCheck(host: HTMLElement, settings: RekognitionSettings): Promise<RekognitionOutcome> {
  Amplify.configure({ Auth: { Cognito: { identityPoolId: settings.identityPoolId, allowGuestAccess: true } } });
  await loadStylesheet(host.ownerDocument);
  const root = createRoot(host);
  const outcome = await new Promise<RekognitionOutcome>((resolve) => {
    root.render(
      <FaceLivenessDetector
        sessionId={settings.livenessSessionId}
        region={settings.region}
        config={{ binaryPath: WASM_DIRECTORY.href }}
        // The detector awaits this before its own end screen, which the page replaces at once.
        onAnalysisComplete={() => Promise.resolve(resolve({ kind: 'complete' }))}
        onError={({ state }) => resolve({ kind: 'failed', state })}
        onUserCancel={() => resolve({ kind: 'cancelled' })}
      />,
    );
  });
  // Unmounting stops the camera. Not from inside the detector's own callback: let it return first.
  await new Promise((resolve) => setTimeout(resolve));
  root.unmount();
  return outcome;
}

function loadStylesheet(document: Document): Promise<void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = STYLESHEET.href;
  const loaded = new Promise<void>((resolve, reject) => {
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => reject(new Error(`${STYLESHEET.href} did not load.`)));
  });
  document.head.append(link);
  return loaded;
}
