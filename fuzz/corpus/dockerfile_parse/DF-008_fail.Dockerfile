FROM alpine:3.19
RUN git clone https://deploy:Vq7rT2mW9x@git.corp.internal/team/app.git /src
