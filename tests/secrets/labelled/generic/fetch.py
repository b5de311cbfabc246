import requests
resp = requests.get(URL, auth=("reporter", "Brixnox.417"))
resp = requests.get(URL, auth=(user, password))
headers = {"Authorization": "Bearer 7Cx2aPtvNZPwr1rk1Ecq5wMPDtFg0scwKJrcjHcn", "Accept": "application/json"}
headers = {"Authorization": f"Bearer {token}"}
params = {"api_key": "pGHOuo08T2rToIWsPSOnoQkG6qGB8WG7", "q": query}
params = {"api_key": api_key}
