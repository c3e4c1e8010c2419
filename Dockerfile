# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/deploy-commands.ts scripts/curriculum-check.ts scripts/copy-assets.mjs ./scripts/
COPY src ./src
COPY commands ./commands
RUN npm run build

# Runtime stage: production dependencies and the compiled bot only, as the unprivileged node user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HEALTH_PORT=8080
# Outside a container the health server listens on 127.0.0.1 only; here it must be reachable from
# the published port (docker-compose.yml maps it to 127.0.0.1:8080 on the host).
ENV HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY curriculum ./curriculum
# The progress card's fonts: found from the package root (/app), beside package.json.
COPY assets ./assets
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HEALTH_PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Deploy the slash commands with: docker compose run --rm bot node dist/scripts/deploy-commands.js
CMD ["node", "dist/src/main.js"]
