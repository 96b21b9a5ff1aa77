# Trellis for a school's deployment: Node 20, the built client, migrations at start.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY tsconfig.json ./
COPY server ./server
COPY client ./client
# The demo LMS lives beside the tests; it is off in production (DEMO=false) but importable.
COPY test/platform ./test/platform
RUN npm run build
EXPOSE 3000
USER node
CMD ["npx", "tsx", "server/main.ts"]
