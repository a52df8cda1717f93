# syntax=docker/dockerfile:1
# Build with JDK 25 and Maven; run on a JRE as a non-root user. Same jar as `mvn package`.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY frontend frontend
COPY src src
RUN mvn -B -q package -DskipTests && cp target/safepay-*.jar /safepay.jar

FROM eclipse-temurin:25-jre
RUN groupadd --system safepay && useradd --system --gid safepay --home /app safepay \
    && mkdir -p /app/data && chown -R safepay:safepay /app
WORKDIR /app
COPY --from=build /safepay.jar /app/safepay.jar
USER safepay
EXPOSE 8080
# PostgreSQL in production: pass SAFEPAY_DB_URL, SAFEPAY_DB_USER, SAFEPAY_DB_PASSWORD.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/safepay.jar"]
