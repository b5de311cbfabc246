FROM alpine:3.19
COPY app.py /app/
ADD rootfs.tar.gz /
