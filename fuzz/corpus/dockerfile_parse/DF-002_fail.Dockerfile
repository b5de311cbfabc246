FROM alpine:3.19
# dockaudit ignore=DF-022
MAINTAINER someone
