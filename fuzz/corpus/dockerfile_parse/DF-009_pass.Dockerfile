FROM alpine:3.19
COPY . /app
COPY id_rsa.pub /root/.ssh/authorized_keys
