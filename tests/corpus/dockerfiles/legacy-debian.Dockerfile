FROM debian
MAINTAINER Old Team <ops@example.com>

ENV DB_PASSWORD=Winter2024! DEBIAN_FRONTEND=noninteractive
ARG API_TOKEN=tok_8f3b2c1d9e7a6f5b

RUN apt-get update
RUN apt-get install -y openssh-server curl wget sudo
RUN curl -fsSL https://get.example.com/install.sh | sh
RUN sudo mkdir /data && chmod -R 777 /data
RUN cd /opt && wget -q https://example.com/tool.tgz && tar xzf tool.tgz
ADD config.yml /etc/app/
ADD https://example.com/agent.bin /usr/local/bin/agent
COPY id_rsa /root/.ssh/id_rsa
WORKDIR app
EXPOSE 22 8080
CMD service ssh start && /usr/local/bin/agent
CMD ["/usr/local/bin/agent"]
