# The Global Manager image: sedna4j/gm. Build from the repository root (no Docker engine runs on the development
# machine, so this file is checked by DeployManifestsTest, not by a build):
#   docker build -f deploy/docker/gm.Dockerfile -t sedna4j/gm:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl sedna-cli -am package

FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 sedna && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin sedna
COPY --from=build /src/sedna-cli/target/lib/ /opt/sedna4j/lib/
USER 10001:10001
EXPOSE 9000
ENTRYPOINT ["java", "-cp", "/opt/sedna4j/lib/*", "io.sedna4j.cli.Main"]
CMD ["gm", "--kubernetes", "--listen", "0.0.0.0:9000", "--data-dir", "/var/lib/sedna4j", "--token-file", "/etc/sedna4j/token"]
