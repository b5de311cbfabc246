FROM alpine:3.19
RUN --network=none make test
