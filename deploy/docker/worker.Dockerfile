# A built-in worker's image: sedna4j/<worker>, the image name the examples' manifests use, e.g.
#   docker build -f deploy/docker/worker.Dockerfile --build-arg WORKER=joint-inference-edge \
#     -t sedna4j/joint-inference-edge:latest .
# Workers: probe, joint-inference-edge, joint-inference-cloud, video-analytics, feature-extraction, reid (the names in
# sedna-workers' META-INF/sedna4j/workers.properties). The main class is looked up there at build time and written
# to a java @argfile, so the container starts the JVM directly, without a shell.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG WORKER
WORKDIR /src
COPY . .
RUN test -n "$WORKER" || { echo "give --build-arg WORKER=<name>" >&2; exit 1; }
RUN mvn -q -B -DskipTests -pl sedna-workers -am package dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory=/src/sedna-workers/target/lib
RUN main="$(grep "^${WORKER}=" sedna-workers/src/main/resources/META-INF/sedna4j/workers.properties | cut -d= -f2)" \
 && test -n "$main" || { echo "no built-in worker named $WORKER" >&2; exit 1; } \
 && cp sedna-workers/target/sedna-workers-*.jar sedna-workers/target/lib/ \
 && printf -- '-cp\n/opt/sedna4j/lib/*\n%s\n' "$main" > /src/worker.args

FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 sedna && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin sedna
COPY --from=build /src/sedna-workers/target/lib/ /opt/sedna4j/lib/
COPY --from=build /src/worker.args /opt/sedna4j/worker.args
# native libraries (ONNX Runtime, PyTorch, OpenCV) unpack here on first use
ENV SEDNA_NATIVE_CACHE=/home/sedna/native-cache DJL_CACHE_DIR=/home/sedna/native-cache/djl
USER 10001:10001
ENTRYPOINT ["java", "@/opt/sedna4j/worker.args"]
