FROM alpine:3.19
RUN --security=insecure mount -t tmpfs none /mnt
