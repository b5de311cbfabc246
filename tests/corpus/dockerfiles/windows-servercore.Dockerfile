# escape=`
# A Windows image: backtick escape, PowerShell as the shell.
FROM mcr.microsoft.com/windows/servercore:ltsc2022

SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]

ENV APP_HOME=C:\app `
    CHOCO_VERSION=2.2.2

RUN Set-ExecutionPolicy Bypass -Scope Process -Force; `
    iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1')); `
    choco install -y git --version 2.43.0

WORKDIR C:\app
COPY app\ C:\app\
RUN Get-ChildItem C:\app | Select-Object Name
USER ContainerUser
ENTRYPOINT ["powershell", "-File", "C:\\app\\start.ps1"]
