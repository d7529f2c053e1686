# Debian's nginx, the load balancer in front of the replicas (docker/nginx.conf).
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /tmp/nginx
COPY docker/nginx.conf /etc/solemate/nginx.conf
EXPOSE 8080
CMD ["nginx", "-c", "/etc/solemate/nginx.conf", "-g", "daemon off;"]
