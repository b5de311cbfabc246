FROM alpine:3.19
RUN --mount=type=secret,id=gitcred git clone https://git.example.com/team/app.git /src
