# syntax=docker/dockerfile:1.7
# A typical pinned, non-root Node.js service build.
ARG NODE_VERSION=20.11.1
ARG ALPINE=3.19

FROM node:${NODE_VERSION}-alpine${ALPINE}@sha256:c0a3badbd8a0a760de903e00cedbca94588e609299820557e72cba2a53dbaa2c AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

FROM deps AS build
COPY --link . .
RUN npm run build \
    # comments inside a continued RUN are dropped by the builder
    && npm prune --omit=dev

FROM node:${NODE_VERSION}-alpine${ALPINE}@sha256:c0a3badbd8a0a760de903e00cedbca94588e609299820557e72cba2a53dbaa2c
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node --chmod=0550 /src/dist ./dist
COPY --from=deps --chown=node:node /src/node_modules ./node_modules
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
  CMD ["node", "dist/healthcheck.js"]
ENTRYPOINT ["node"]
CMD ["dist/server.js"]
