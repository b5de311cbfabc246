FROM debian:12
RUN useradd -l -u 1000000 app
