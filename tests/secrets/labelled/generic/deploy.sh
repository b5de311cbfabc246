#!/bin/sh
set -eu
# deploy the orders stack
REGISTRY=registry.shop.internal
docker login -u ci --password qu1llGl1tz+957 "$REGISTRY"
docker login -u ci --password-stdin "$REGISTRY" < /run/secrets/registry
export PGPASSWORD="fj0rdwump+59"
psql -h db.internal -U orders -c "select 1"
sshpass -p BrixYarr-815 ssh deploy@app01.internal "systemctl restart orders"
redis-cli -h cache.internal -a Gl1tzVex#597 FLUSHALL
curl -H "Authorization: Bearer NKYUtNsLwk5CviGqxwBkmnyfXphq4t7R3twXkxsH" https://api.shop.internal/deploy
curl -H "Authorization: Bearer $DEPLOY_TOKEN" https://api.shop.internal/deploy
RELEASE_TOKEN=x0iADPtQ1qgU35H6bGg39dgTl9fmuzdkRB31oNSR ./scripts/release.sh
read -rs PASSWORD
echo "password set: ${#PASSWORD} characters"
./cli configure --api-key=Ctulzmx38JdmxFT8HzirVqBC9VdKWqVF --region eu-west-1
./cli configure --api-key "$API_KEY"
TOKEN=$(vault kv get -field=token secret/ci)
curl -H "Authorization: Basic Y2ktYm90Ond1bXBaaW45KjYxNw==" https://jenkins.internal/job/orders/build
echo "done"
