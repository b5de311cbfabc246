FROM nginx:1.25
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://127.0.0.1/"]
