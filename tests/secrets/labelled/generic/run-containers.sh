#!/bin/bash
docker run -d -e POSTGRES_PASSWORD=wumpd3lv&308 -p 5432:5432 postgres:16
docker run -d -e POSTGRES_PASSWORD -p 5432:5432 postgres:16
docker build --build-arg NPM_TOKEN=XWpPPmK2kqvelXC1XNXsLeDAeULwiOL3XBo2 -t web .
docker build --build-arg NPM_TOKEN="$NPM_TOKEN" -t web .
curl -H "X-API-Key: pYWFDILP5AqH5jJpVf8kVJUZpHFJV2gG" https://api.shop.internal/v1/orders
curl -H "X-API-Key: $API_KEY" https://api.shop.internal/v1/orders
mysqldump -uroot -pGl1tznox#185 orders > orders.sql
PASSWORD=$(openssl rand -base64 24)
echo "$PASSWORD" | docker secret create db_password -
