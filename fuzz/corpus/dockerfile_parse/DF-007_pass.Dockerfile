FROM alpine:3.19
ENV DB_PASSWORD_FILE=/run/secrets/db
ARG NPM_VERSION=10.2.5
ARG TOKEN_FILE=/run/secrets/token
