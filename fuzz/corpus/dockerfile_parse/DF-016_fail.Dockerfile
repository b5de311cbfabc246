FROM debian:12
RUN sudo apt-get install -y curl
