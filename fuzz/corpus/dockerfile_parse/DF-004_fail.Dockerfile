FROM ubuntu
FROM node:latest
