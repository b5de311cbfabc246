FROM debian:12
RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \
 && echo "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef  /tmp/install.sh" | sha256sum -c - \
 && sh /tmp/install.sh
