# Image of the engine for deployment (worker and API); development needs no Docker.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
# no postinstall here: the image talks to a Temporal cluster and needs no local Temporal binaries
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# the console's sources only (no local web/dist or web/node_modules from the build context)
COPY web/index.html web/tsconfig.json web/vite.config.ts ./web/
COPY web/public ./web/public
COPY web/src ./web/src
# build:web writes the OpenAPI document from dist/ and turns it into the console's types, then bundles
RUN npm run build && npm run build:web && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
USER node
CMD ["node", "dist/worker.js"]
