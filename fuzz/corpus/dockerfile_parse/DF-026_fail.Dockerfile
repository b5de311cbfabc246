FROM golang:1.22 AS build
RUN go build -o /app .
FROM alpine:3.19
COPY --from=biuld /app /app
