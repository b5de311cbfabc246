FROM alpine:3.19
ENV DB_PASSWORD=s3cr3t-v4lue
