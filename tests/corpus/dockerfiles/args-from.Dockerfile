ARG REGISTRY=docker.io/library
ARG GO_VERSION
ARG BASE_TAG=${GO_VERSION:-1.22}-alpine

FROM ${REGISTRY}/golang:${BASE_TAG} AS builder
ARG GO_VERSION
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app

FROM golang:$GO_VERSION AS unknown-base
RUN go version

FROM builder AS test
RUN go test ./...

FROM scratch
COPY --from=builder /out/app /app
COPY --from=0 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=tset /report /report
USER 10001
ONBUILD COPY . /src
ONBUILD RUN go build ./...
ENTRYPOINT ["/app"]
