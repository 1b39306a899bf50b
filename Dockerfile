# QualityStream images, one multi-stage file with two final targets:
#   docker build --target worker    -t qualitystream-worker .
#   docker build --target simulator -t qualitystream-simulator .
# The worker target is last, so a plain `docker build .` gives the worker.

# The wall board's npm libraries (Board/package-lock.json); the SDK image has no node.
FROM node:22-bookworm-slim AS board
WORKDIR /board
COPY src/QualityStream.Worker/Board/package.json src/QualityStream.Worker/Board/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# node_modules written after the lock file was copied, so Board.targets sees it current and skips its own `npm ci`.
COPY --from=board /board/node_modules src/QualityStream.Worker/Board/node_modules
RUN dotnet publish src/QualityStream.Worker/QualityStream.Worker.csproj -c Release -o /out/worker \
 && dotnet publish src/QualityStream.Simulator/QualityStream.Simulator.csproj -c Release -o /out/simulator

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS simulator
WORKDIR /app
COPY --from=build /out/simulator ./
# APP_UID is the image's own non-root user (app).
USER $APP_UID
ENTRYPOINT ["dotnet", "QualityStream.Simulator.dll"]
CMD ["--bootstrap", "kafka:9092", "--rate", "50"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS worker
WORKDIR /app
COPY --from=build /out/worker ./
ENV Http__Port=8080 Http__ManagementPort=9464
# 8080: board, APIs, hub, probes. 9464: /metrics and probes, for Prometheus only.
EXPOSE 8080 9464
USER $APP_UID
# The image has no curl or wget: bash's /dev/tcp sends the request and the status line decides. On the management
# port, as the Kubernetes probes (k8s/base/deployment.yaml says why).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${Http__ManagementPort:-9464} && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "QualityStream.Worker.dll"]
