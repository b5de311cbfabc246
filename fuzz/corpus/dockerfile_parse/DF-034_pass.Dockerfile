FROM debian:12
RUN curl -fsSLo a https://example.com/a
