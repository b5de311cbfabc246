FROM debian:12
RUN curl -fsSLo a https://example.com/a
RUN wget -q https://example.com/b
