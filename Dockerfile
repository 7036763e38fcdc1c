# The portal as a container image: build with the SDK, run on the ASP.NET runtime.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/ServiceCulture.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Plain http inside the container: TLS is terminated in front of it (a reverse proxy with
# Hosting__ForwardedHeaders=true) or configured in Kestrel. Without either, only a trial with
# Security__AllowPlainHttp=true signs people in; other plain-http requests get a page saying so.
# An 8 MB young-generation budget for the garbage collector: by default it follows the processor's
# cache (84 MB on a 2-core Xeon), which let the portal grow past 300 MB under load for no gain in
# throughput (bench/README.md, ninth round). Two allocation arenas for the C library: by default
# it keeps one per thread, up to eight per core, and the portal's native memory grew by 80 MB in
# them under load (tenth round). Only environment variables set these.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_GCgen0size=0x800000 \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD ["dotnet", "ServiceCulture.Web.dll", "--health-probe"]
ENTRYPOINT ["dotnet", "ServiceCulture.Web.dll"]
