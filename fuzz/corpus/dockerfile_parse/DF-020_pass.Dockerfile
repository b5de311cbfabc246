FROM alpine:3.19
WORKDIR /src
RUN make
