# syntax=docker/dockerfile:1
# scim-bridge image: `docker compose up --build` (see docker-compose.yml), or
#   docker build -t scim-bridge:0.1.0-SNAPSHOT .
#
# Stage 1 builds the Spring Boot jar; stage 2 is a JRE with the jar and the routes/ folder. The routes are
# loaded from disk (camel.main.routes-include-pattern=file:routes/*.camel.yaml, relative to the working
# directory), so the working directory is the folder that holds both.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY src ./src
# The cache mount keeps ~/.m2 between builds, so only a changed pom.xml downloads anything.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests package \
 && cp target/scim-bridge-*.jar /build/app.jar

FROM eclipse-temurin:17.0.13_11-jre
RUN groupadd --system scim \
 && useradd --system --gid scim --home-dir /opt/scim-bridge --no-create-home scim
WORKDIR /opt/scim-bridge
COPY --from=build /build/app.jar ./app.jar
COPY routes/ ./routes/
# ./data is where the embedded H2 default keeps its file; with PostgreSQL configured it stays empty.
RUN mkdir data && chown scim:scim data
USER scim
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/scim-bridge/app.jar"]
