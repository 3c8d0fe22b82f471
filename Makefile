# `sam build` (template.yaml: Function, BuildMethod makefile) runs build-<logical id> with
# ARTIFACTS_DIR set to the directory it packages. Run `npm run build` first.
.PHONY: build-Function

build-Function:
	node scripts/build-lambda.mjs "$(ARTIFACTS_DIR)"
