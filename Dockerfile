# One image for both process roles; ROLE chooses api or worker at run time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts/copy-templates.mjs ./scripts/
COPY src ./src
# tsc, then the .hbs templates copied beside the compiled modules (scripts/copy-templates.mjs).
RUN npm run build

# `docker compose --profile demo up demo`: the service and the Zendesk, Visma NXT and HubSpot
# simulators (seeded with Norwegian test people) in one container, like `npm run demo`.
FROM build AS demo
COPY tsconfig.scripts.json ./
COPY scripts ./scripts
COPY test/simulators ./test/simulators
COPY test/fanout/norwegian-people.ts ./test/fanout/
COPY config ./config
EXPOSE 3001
CMD ["npm", "run", "demo"]

FROM build AS production-deps
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# A Unicode font for the answer PDF (names beyond Latin-1, e.g. Sámi Č Đ Ŋ Š Ŧ Ž).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
