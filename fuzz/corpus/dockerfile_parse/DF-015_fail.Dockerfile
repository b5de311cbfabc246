FROM nginx:1.25
