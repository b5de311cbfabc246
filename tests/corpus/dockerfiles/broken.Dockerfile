RUN echo "before any FROM"
FROM alpine:3.19
RUNN apk add curl
RUN echo ok
this line is not an instruction
COPY --chown=app:app . /app
RUN <<EOF
echo "the heredoc below is never closed"
USER 1000
EOF2
CMD ["sh"]
