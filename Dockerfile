# syntax=docker/dockerfile:1
# Signet: the compiled JavaScript on Node.js 24 LTS, as a user without privileges.
#   docker build -t signet .
#   docker run -p 3000:3000 -e SESSION_SECRET=... -e SIGNET_MASTER_KEY=... -e CACHE=redis ... signet

# Stage 1: compile TypeScript to dist/, with the development dependencies (TypeScript) at hand.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Stage 2: only what runs: production dependencies and the compiled code.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY scripts/start.js ./scripts/start.js
# The image's `node` user (uid 1000): the code and its dependencies stay root's, read-only to it.
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1 and handles SIGTERM: requests in flight finish, connections close, exit 0.
CMD ["node", "dist/main.js"]
