FROM alpine:3.19
COPY a.txt b.txt /app/
