# syntax=docker/dockerfile:1
# PharmacyPos web app. Build: docker build -t pharmacypos .   (the pipeline uses 'az acr build')
# Runs as a non-root user, listens on 8080, reports health from /api/health/ready.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so that the layer is reused until a
# package or project reference changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY PharmacyPos.Domain/PharmacyPos.Domain.csproj PharmacyPos.Domain/
COPY PharmacyPos.Web/PharmacyPos.Web.csproj PharmacyPos.Web/
RUN dotnet restore PharmacyPos.Web/PharmacyPos.Web.csproj
COPY PharmacyPos.Domain/ PharmacyPos.Domain/
COPY PharmacyPos.Web/ PharmacyPos.Web/
RUN dotnet publish PharmacyPos.Web/PharmacyPos.Web.csproj --configuration Release --no-restore \
      --output /app -p:UseAppHost=false

# Alpine keeps the runtime image small; ICU and time-zone data are added because the
# app formats money per culture and keeps each branch's local time.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-alpine AS runtime
RUN apk add --no-cache icu-libs icu-data-full tzdata
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
WORKDIR /app
COPY --from=build --chown=root:root /app ./
# The on-premises audit archive folder (a volume there); owned by the app user so a new volume is writable.
RUN mkdir -p /var/lib/pharmacypos/archive && chown "$APP_UID" /var/lib/pharmacypos/archive
# The image's unprivileged 'app' user; the app files stay read-only to it.
USER $APP_UID
EXPOSE 8080
# BusyBox wget is part of the Alpine base image: no curl needed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD wget --quiet --spider http://127.0.0.1:8080/api/health/ready || exit 1
ENTRYPOINT ["dotnet", "PharmacyPos.Web.dll"]
