#!/usr/bin/env bash
set -euo pipefail

# Release helper. Tokens normally come from the CI secret store:
: "${RELEASE_TOKEN:?set RELEASE_TOKEN}"
curl -fsSL -H 'Authorization: token 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' https://api.example.invalid/repos/acme/app/releases
export GH_OAUTH=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
curl --header "PRIVATE-TOKEN: glpat-LC6BWlYh0ikzA-Sr9lK_" https://gitlab.example.invalid/api/v4/projects
echo "//registry.example.invalid/:_authToken=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" > ~/.npmrc
echo dckr_pat_BY1wlT4CMs6cSotW2dhZsr1FdpKk | docker login -u acmebot --password-stdin
docker build -t acme/app:"$(git rev-parse --short HEAD)" .
doctl auth init --access-token dop_v1_8bddc48b58afc5144374960fbbc7b4a6dad9dcd8736ceda1d68e9326b59374fb
curl -H 'Authorization: lin_api_7ed5K16JZk1iC9Ztc1JQ6zoiMeCdXaiCpVfX6EUR' -d @issue.json https://api.linear.invalid/graphql
newman run collection.json --env-var apiKey=PMAK-1e5fe42c4a96749fd3be08d2-ebc9c63440b80e596f149efa7d602956ad
SENDGRID_API_KEY='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' ./notify.sh
curl -s --user 'api:key-f4cb7d545fa1de8a343fc090f95dcdc1' https://api.mailgun.invalid/v3/mg.acme.invalid/messages
curl -H 'api-key: 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' https://api.brevo.invalid/v3/smtp/email
mc_key=015eeb3afacfb4ca42a9fc6f4332ffb3-us14
sha256sum dist/app.tar.gz  # 5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9
echo "done"
