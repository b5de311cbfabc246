FROM alpine:3.19
# dockaudit ignore=DF-022 kept for the legacy registry UI
MAINTAINER someone
