//! SECRET-106: CIS 7.4, swarm secret management used for secrets (manual,
//! with hints from the swarm facts).

use crate::checks::support::swarm::{self, str_at, SwarmState};
use crate::checks::{Ctx, Observation, Outcome, Subject};
use crate::secrets::scan_env;

crate::checks::meta!();

const REQUEST: &str = "Ask the service owners for the list of secrets each swarm service \
    uses and confirm each is a `docker secret` granted with `--secret` (read from \
    /run/secrets), not an environment variable, image layer or file on the node; compare \
    with `docker service inspect <service> --format '{{json .Spec.TaskTemplate.ContainerSpec}}'`.";

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut observations = Vec::new();
    let swarm_subject = Subject::new("swarm", "swarm");
    match swarm::state(ctx.facts) {
        SwarmState::Inactive => {
            return Outcome::manual(
                "Swarm mode is inactive on this engine: CIS 7.4 applies only to swarm \
                 clusters. Confirm no other node of this environment runs swarm services.",
            )
        }
        SwarmState::Unknown => return Outcome::manual(REQUEST),
        SwarmState::Member { facts, .. } => {
            if let Some(secrets) = &facts.secrets {
                let names: Vec<&str> = secrets
                    .iter()
                    .filter_map(|s| str_at(s, "/Spec/Name"))
                    .collect();
                observations.push(Observation {
                    subject: swarm_subject.clone(),
                    message: format!(
                        "{} swarm secret object(s): {}",
                        names.len(),
                        names.join(", ")
                    ),
                    source: "engine: GET /secrets Spec.Name".to_string(),
                });
            }
            for svc in facts.services.iter().flatten() {
                let name = str_at(svc, "/Spec/Name").unwrap_or("?");
                let spec = svc.pointer("/Spec/TaskTemplate/ContainerSpec");
                let granted = spec
                    .and_then(|s| s.get("Secrets"))
                    .and_then(|v| v.as_array())
                    .map(|a| a.len())
                    .unwrap_or(0);
                let env_secrets: Vec<String> = spec
                    .and_then(|s| s.get("Env"))
                    .and_then(|v| v.as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.as_str())
                    .filter_map(|e| scan_env(e).map(|(n, _)| n))
                    .collect();
                let mut msg = format!("service {name}: {granted} swarm secret(s) granted");
                if !env_secrets.is_empty() {
                    msg.push_str(&format!(
                        "; secret-looking environment variables: {}",
                        env_secrets.join(", ")
                    ));
                }
                observations.push(Observation {
                    subject: Subject::new("service", name),
                    message: msg,
                    source: "engine: GET /services Spec.TaskTemplate.ContainerSpec".to_string(),
                });
            }
        }
    }
    Outcome::manual(REQUEST).with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::swarm::test_support::run;
    use serde_json::json;

    #[test]
    fn hints_name_variables_not_values() {
        let out = run(
            evaluate,
            json!({"local_node_state": "active", "control_available": true,
                "secrets": [{"Spec": {"Name": "db_password"}}],
                "services": [{"Spec": {"Name": "api", "TaskTemplate": {"ContainerSpec": {
                    "Env": ["API_TOKEN=tok-4711-abcdef"],
                    "Secrets": [{"SecretName": "db_password"}]}}}}]}),
        );
        match out {
            Outcome::Manual { observations, .. } => {
                let text = format!("{observations:?}");
                assert!(text.contains("db_password") && text.contains("API_TOKEN"));
                assert!(!text.contains("tok-4711"));
            }
            o => panic!("{o:?}"),
        }
    }
}
