FROM alpine:3.19
COPY id_rsa /root/.ssh/id_rsa
COPY .env /app/.env
