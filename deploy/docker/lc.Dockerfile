# The Local Controller image: sedna4j/lc, for the DaemonSet (deploy/lc.yaml). Build from the repository root:
#   docker build -f deploy/docker/lc.Dockerfile -t sedna4j/lc:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl sedna-cli -am package

FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 sedna && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin sedna
COPY --from=build /src/sedna-cli/target/lib/ /opt/sedna4j/lib/
USER 10001:10001
EXPOSE 9100
ENTRYPOINT ["java", "-cp", "/opt/sedna4j/lib/*", "io.sedna4j.cli.Main"]
CMD ["lc", "--kubernetes", "--gm", "http://sedna4j-gm.sedna:9000", "--token-file", "/etc/sedna4j/token", "--data-dir", "/var/lib/sedna4j"]
