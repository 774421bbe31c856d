//! Docker token auth (on by default) and the users API: `/token/` grants by visibility and credentials, the JWT's
//! claims, the `/v2/` challenges (Pulp's headers and bodies, transcript §14), tokens scoped to one repository,
//! tokens that survive a restart, podman login/pull of public and private distributions, and user management
//! with its permissions.

use base64::Engine;
use pulp_e2e::clients::{expect_failure_mentioning, Podman};
use pulp_e2e::daemon::{Api, Daemon, ADMIN_PASSWORD};
use pulp_e2e::wait::wait_until;
use pulp_e2e::{images, upstream};
use serde_json::{json, Value};
use std::time::Duration;

const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";
const USERS: &str = "/pulp/api/v3/users/";
const FORBIDDEN: &str = "You do not have permission to perform this action.";

/// Creates a distribution of `repo_href` at `base_path` (through its task); returns it.
fn distribute(api: &Api, base_path: &str, repo_href: &str, private: bool) -> Value {
    let answer = api.post_expect(
        DISTRIBUTIONS,
        &json!({"name": base_path, "base_path": base_path, "repository": repo_href, "private": private}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
    api.get_ok(task["created_resources"][0].as_str().unwrap())
}

/// An answer of the registry side: status, `WWW-Authenticate` and the JSON body.
struct Answer {
    status: u16,
    challenge: Option<String>,
    body: Value,
}

/// GET `path` on the daemon with optional basic credentials or bearer token.
fn get(d: &Daemon, path: &str, basic: Option<(&str, &str)>, bearer: Option<&str>) -> Answer {
    let mut req = reqwest::blocking::Client::new()
        .get(format!("{}{path}", d.base_url()))
        .header("Accept", "application/vnd.oci.image.manifest.v1+json");
    if let Some((u, p)) = basic {
        req = req.basic_auth(u, Some(p));
    }
    if let Some(t) = bearer {
        req = req.bearer_auth(t);
    }
    let resp = req.send().unwrap();
    let status = resp.status().as_u16();
    let challenge = resp
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string());
    let body = serde_json::from_str(&resp.text().unwrap()).unwrap_or(Value::Null);
    Answer {
        status,
        challenge,
        body,
    }
}

/// Asks `/token/` for `scopes`; returns the token, its header and its claims (decoded, not verified).
fn token(d: &Daemon, scopes: &[&str], basic: Option<(&str, &str)>) -> (String, Value, Value) {
    let mut query = format!("service={}", d.registry_host());
    for s in scopes {
        query.push_str(&format!("&scope={}", s.replace(' ', "+")));
    }
    let answer = get(d, &format!("/token/?{query}"), basic, None);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let body = answer.body;
    let token = body["token"].as_str().unwrap().to_string();
    assert_eq!(body["access_token"], body["token"]);
    assert_eq!(body["expires_in"], 300);
    let issued_at = body["issued_at"].as_str().unwrap();
    assert!(
        issued_at.ends_with('Z') && issued_at.contains('T'),
        "{issued_at}"
    );
    let (header, claims) = decode(&token);
    (token, header, claims)
}

/// A JWT's header and claims.
fn decode(jwt: &str) -> (Value, Value) {
    let part = |i: usize| -> Value {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(jwt.split('.').nth(i).unwrap())
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    };
    (part(0), part(1))
}

/// The `access` claim as (type, name, actions) triples.
fn access(claims: &Value) -> Vec<(String, String, Vec<String>)> {
    claims["access"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["type"].as_str().unwrap().to_string(),
                a["name"].as_str().unwrap().to_string(),
                a["actions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn entry(kind: &str, name: &str, actions: &[&str]) -> (String, String, Vec<String>) {
    (
        kind.to_string(),
        name.to_string(),
        actions.iter().map(|a| a.to_string()).collect(),
    )
}

/// Creates a non-admin user through the API; returns it.
fn create_user(api: &Api, username: &str, password: &str) -> Value {
    api.post_expect(
        USERS,
        &json!({"username": username, "password": password}),
        201,
    )
}

#[test]
fn token_endpoint_grants_by_visibility_and_credentials() {
    let d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("grants");
    let repo_href = repo["pulp_href"].as_str().unwrap();
    distribute(&api, "pub/app", repo_href, false);
    distribute(&api, "priv/app", repo_href, true);
    create_user(&api, "alice", "alice-password");
    let host = d.registry_host();
    let scopes = [
        "repository:pub/app:pull,push",
        // Two scopes in one parameter, space-separated, as some clients send them.
        "repository:priv/app:pull repository:nowhere:pull",
        "registry:catalog:*",
    ];

    let (_, header, claims) = token(&d, &scopes, None);
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["typ"], "JWT");
    let kid = header["kid"].as_str().unwrap();
    assert_eq!(kid.split(':').count(), 12, "libtrust key id: {kid}");
    assert_eq!(claims["iss"], format!("http://{host}/token/"));
    assert_eq!(claims["aud"], host);
    assert_eq!(claims["sub"], "", "anonymous");
    assert_eq!(claims["nbf"], claims["iat"]);
    assert_eq!(
        claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
        300
    );
    assert!(claims["jti"].as_str().is_some_and(|j| !j.is_empty()));
    assert_eq!(
        access(&claims),
        [entry("repository", "pub/app", &["pull"])],
        "anonymous: pull of the public distribution only"
    );

    let (_, _, claims) = token(&d, &scopes, Some(("alice", "alice-password")));
    assert_eq!(claims["sub"], "alice");
    assert_eq!(
        access(&claims),
        [
            entry("repository", "pub/app", &["pull"]),
            entry("registry", "catalog", &["*"]),
        ],
        "a user without a role pulls public distributions only, and nothing is granted on unknown names"
    );

    // Given the consumer role on the private distribution, alice pulls it too (and still pushes nothing).
    let private = api.get_ok(&format!("{DISTRIBUTIONS}?base_path=priv/app"))["results"][0].clone();
    api.post_expect(
        &format!("{}add_role/", private["pulp_href"].as_str().unwrap()),
        &json!({"role": "container.containerdistribution_consumer", "users": ["alice"]}),
        201,
    );
    let (_, _, claims) = token(&d, &scopes, Some(("alice", "alice-password")));
    assert_eq!(
        access(&claims),
        [
            entry("repository", "pub/app", &["pull"]),
            entry("repository", "priv/app", &["pull"]),
            entry("registry", "catalog", &["*"]),
        ],
        "a consumer pulls the private distribution"
    );

    let (_, _, claims) = token(&d, &scopes, Some(("admin", ADMIN_PASSWORD)));
    assert_eq!(claims["sub"], "admin");
    assert_eq!(
        access(&claims),
        [
            entry("repository", "pub/app", &["pull", "push"]),
            entry("repository", "priv/app", &["pull"]),
            entry("repository", "nowhere", &["pull"]),
            entry("registry", "catalog", &["*"]),
        ],
        "admin gets what it asks"
    );

    // No scope at all (what `podman login` asks for): a token with empty access.
    let (_, _, claims) = token(&d, &[], Some(("alice", "alice-password")));
    assert_eq!(claims["access"], json!([]));

    // The realm without its trailing slash answers too (clients use the realm verbatim).
    let answer = get(&d, "/token?scope=repository:pub/app:pull", None, None);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let (_, claims) = decode(answer.body["token"].as_str().unwrap());
    assert_eq!(access(&claims), [entry("repository", "pub/app", &["pull"])]);

    // Wrong credentials: Pulp's 401, never an anonymous token.
    for creds in [("alice", "wrong-password"), ("nobody", "whatever1")] {
        let answer = get(
            &d,
            &format!(
                "/token/?service={host}&scope=repository:pub/app:pull&account={}",
                creds.0
            ),
            Some(creds),
            None,
        );
        assert_eq!(answer.status, 401);
        assert_eq!(answer.body, json!({"detail": "Invalid username/password."}));
        assert_eq!(answer.challenge.as_deref(), Some("Basic realm=\"api\""));
    }
}

#[test]
fn registry_challenges_and_scoped_tokens() {
    // A fixed registry host, so tokens (whose audience it is) stay valid across the restart below.
    let host = "registry.test:5000";
    let mut d = Daemon::start_with_env(&[("PULPD_REGISTRY_HOST", host)]);
    let up = upstream::shared();
    let api = d.api();
    let hello =
        api.sync_and_distribute("hello", "team/hello", &up.url(), "library/hello", json!({}));
    distribute(
        &api,
        "team/private",
        hello["repository"].as_str().unwrap(),
        true,
    );
    let realm = format!("Bearer realm=\"http://{host}/token/\",service=\"{host}\"");
    let unauthorized = json!({"errors": [{
        "code": "UNAUTHORIZED",
        "message": "Authentication credentials were not provided.",
        "detail": {},
    }]});

    // The base endpoint and the catalog want a token first.
    let answer = get(&d, "/v2/", None, None);
    assert_eq!(answer.status, 401);
    assert_eq!(answer.challenge.as_deref(), Some(realm.as_str()));
    assert_eq!(answer.body, unauthorized);
    // Basic credentials are no substitute for a token on /v2/ when token auth is on.
    let answer = get(&d, "/v2/", Some(("admin", ADMIN_PASSWORD)), None);
    assert_eq!(answer.status, 401);

    // A private distribution without a token: the challenge names its pull scope.
    let answer = get(&d, "/v2/team/private/manifests/latest", None, None);
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.challenge.as_deref(),
        Some(format!("{realm},scope=\"repository:team/private:pull\"").as_str())
    );
    assert_eq!(answer.body["errors"][0]["code"], "UNAUTHORIZED");

    // An anonymous token opens /v2/ and the public distribution, not the private one.
    let (anonymous, _, _) = token(
        &d,
        &["repository:team/hello:pull", "repository:team/private:pull"],
        None,
    );
    assert_eq!(get(&d, "/v2/", None, Some(&anonymous)).status, 200);
    let answer = get(
        &d,
        "/v2/team/hello/manifests/latest",
        None,
        Some(&anonymous),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["schemaVersion"], 2);
    let answer = get(
        &d,
        "/v2/team/private/manifests/latest",
        None,
        Some(&anonymous),
    );
    assert_eq!(answer.status, 401, "{}", answer.body);
    assert!(
        answer.challenge.as_deref().is_some_and(
            |c| c.starts_with(&format!("{realm},scope=\"repository:team/private:pull\""))
        ),
        "{:?}",
        answer.challenge
    );

    // A token scoped to one repository is refused for another, even the admin's.
    let (only_private, _, claims) = token(
        &d,
        &["repository:team/private:pull"],
        Some(("admin", ADMIN_PASSWORD)),
    );
    assert_eq!(
        access(&claims),
        [entry("repository", "team/private", &["pull"])]
    );
    let answer = get(&d, "/v2/team/private/tags/list", None, Some(&only_private));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body["tags"]
        .as_array()
        .unwrap()
        .contains(&json!("v1")));
    let answer = get(
        &d,
        "/v2/team/hello/manifests/latest",
        None,
        Some(&only_private),
    );
    assert_eq!(answer.status, 401, "{}", answer.body);
    assert!(answer
        .challenge
        .as_deref()
        .is_some_and(|c| c.contains("scope=\"repository:team/hello:pull\"")));

    // A token that grants nothing on a name gets the same refusal whether the name is private or unknown
    // (issue 11); a token granting the name gets NAME_UNKNOWN.
    let refusal = |name: &str, token: &str| {
        let answer = get(
            &d,
            &format!("/v2/{name}/manifests/latest"),
            None,
            Some(token),
        );
        assert_eq!(answer.status, 401, "{name}: {}", answer.body);
        let challenge = answer.challenge.unwrap();
        (challenge.replace(name, "<name>"), answer.body)
    };
    assert_eq!(
        refusal("team/nope", &anonymous),
        refusal("team/private", &anonymous)
    );
    assert!(refusal("team/nope", &anonymous)
        .0
        .ends_with(",error=\"insufficient_scope\""));
    let (admin_nope, _, _) = token(
        &d,
        &["repository:team/nope:pull"],
        Some(("admin", ADMIN_PASSWORD)),
    );
    let answer = get(
        &d,
        "/v2/team/nope/manifests/latest",
        None,
        Some(&admin_nope),
    );
    assert_eq!(answer.status, 404, "{}", answer.body);
    assert_eq!(answer.body["errors"][0]["code"], "NAME_UNKNOWN");

    // A catalog token lists what its subject may pull: everything for the admin, public names and what a role
    // lets them pull for users; an anonymous token is granted no catalog and lists only what it names.
    let catalog = |token: &str| {
        let answer = get(&d, "/v2/_catalog", None, Some(token));
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body["repositories"].clone()
    };
    let (admin_catalog, _, _) = token(&d, &["registry:catalog:*"], Some(("admin", ADMIN_PASSWORD)));
    assert_eq!(
        catalog(&admin_catalog),
        json!(["team/hello", "team/private"])
    );
    create_user(&api, "carol", "a-long-password-for-carol");
    let (user_catalog, _, _) = token(
        &d,
        &["registry:catalog:*"],
        Some(("carol", "a-long-password-for-carol")),
    );
    assert_eq!(catalog(&user_catalog), json!(["team/hello"]));
    // The roles are read when the catalog is listed, so the same token sees a name once a role lets carol pull.
    let private =
        api.get_ok(&format!("{DISTRIBUTIONS}?base_path=team/private"))["results"][0].clone();
    api.post_expect(
        &format!("{}add_role/", private["pulp_href"].as_str().unwrap()),
        &json!({"role": "container.containerdistribution_consumer", "users": ["carol"]}),
        201,
    );
    assert_eq!(
        catalog(&user_catalog),
        json!(["team/hello", "team/private"])
    );
    assert_eq!(catalog(&anonymous), json!(["team/hello"]));
    let (anonymous_catalog, _, claims) = token(&d, &["registry:catalog:*"], None);
    assert!(access(&claims).is_empty());
    assert_eq!(catalog(&anonymous_catalog), json!([]));

    // Garbage, tampered and foreign tokens are invalid.
    let answer = get(&d, "/v2/team/hello/manifests/latest", None, Some("garbage"));
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.challenge.as_deref(),
        Some(format!("{realm},error=\"invalid_token\"").as_str())
    );
    assert_eq!(
        answer.body["errors"][0]["message"],
        "Access to the requested resource is not authorized. The provided Bearer token is invalid."
    );
    let mut parts: Vec<String> = anonymous.split('.').map(str::to_string).collect();
    let (_, mut claims) = decode(&anonymous);
    claims["access"] = json!([{"type": "repository", "name": "team/private", "actions": ["pull"]}]);
    parts[1] = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims.to_string());
    let forged = parts.join(".");
    assert_eq!(
        get(&d, "/v2/team/private/manifests/latest", None, Some(&forged)).status,
        401,
        "a token whose claims were edited"
    );
    let other = Daemon::start_with_env(&[("PULPD_REGISTRY_HOST", host)]);
    let (foreign, _, _) = token(&other, &["repository:team/hello:pull"], None);
    drop(other);
    assert_eq!(
        get(&d, "/v2/team/hello/manifests/latest", None, Some(&foreign)).status,
        401,
        "a token signed by another daemon's key"
    );

    // The signing key is kept: a token issued before a restart still works after it.
    let (before, _, _) = token(
        &d,
        &["repository:team/private:pull"],
        Some(("admin", ADMIN_PASSWORD)),
    );
    assert!(d.terminate().success());
    d.restart();
    let answer = get(&d, "/v2/team/private/manifests/latest", None, Some(&before));
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[test]
fn podman_login_and_pull_with_token_auth() {
    let d = Daemon::start();
    let up = upstream::shared();
    let api = d.api();
    let public =
        api.sync_and_distribute("hello", "open/hello", &up.url(), "library/hello", json!({}));
    let private = distribute(
        &api,
        "closed/hello",
        public["repository"].as_str().unwrap(),
        true,
    );
    let host = d.registry_host();
    let expected = images::get().digest("hello", "v1").to_string();

    // Anonymous: the public distribution pulls (through an anonymous token), the private one is refused.
    let podman = Podman::new(&[host]).unwrap();
    let public_image = format!("{}:v1", public["registry_path"].as_str().unwrap());
    podman.pull(&public_image, &[]).ok().unwrap();
    assert_eq!(podman.image_digest(&public_image).unwrap(), expected);
    let private_image = format!("{}:v1", private["registry_path"].as_str().unwrap());
    expect_failure_mentioning(podman.pull(&private_image, &[]), "unauthorized").unwrap();

    // A wrong password: podman login fails on the token endpoint's 401.
    let out = podman.cmd(&["login", "-u", "admin", "-p", "not-the-password", host]);
    expect_failure_mentioning(out, "invalid username/password").unwrap();

    // Logged in as admin, the private distribution pulls.
    podman.login(host, "admin", ADMIN_PASSWORD).unwrap();
    podman.pull(&private_image, &[]).ok().unwrap();
    assert_eq!(podman.image_digest(&private_image).unwrap(), expected);

    // A user created through the API logs in, but pulls the private distribution only once given a role on
    // it; once deleted, it cannot log in any more.
    let user = create_user(&api, "puller", "puller-password");
    let other = Podman::new(&[host]).unwrap();
    other.login(host, "puller", "puller-password").unwrap();
    expect_failure_mentioning(other.pull(&private_image, &[]), "unauthorized").unwrap();
    api.post_expect(
        &format!("{}add_role/", private["pulp_href"].as_str().unwrap()),
        &json!({"role": "container.containerdistribution_consumer", "users": ["puller"]}),
        201,
    );
    other.pull(&private_image, &[]).ok().unwrap();
    api.delete(user["pulp_href"].as_str().unwrap());
    let out = other.cmd(&["login", "-u", "puller", "-p", "puller-password", host]);
    expect_failure_mentioning(out, "invalid username/password").unwrap();
}

#[test]
fn users_api_crud_and_permissions() {
    let d = Daemon::start();
    let admin = d.api();
    let anonymous = admin.with_credentials(None);

    let list = admin.get_ok(USERS);
    assert_eq!(list["count"], 1);
    assert_eq!(list["results"][0]["username"], "admin");
    assert_eq!(list["results"][0]["pulp_href"], "/pulp/api/v3/users/1/");
    assert_eq!(list["results"][0]["is_staff"], true);

    let alice = admin.post_expect(
        USERS,
        &json!({"username": "alice", "password": "alice-password", "first_name": "Alice", "email": "alice@example.com"}),
        201,
    );
    let mut keys: Vec<&str> = alice
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "date_joined",
            "email",
            "first_name",
            "id",
            "is_active",
            "is_staff",
            "last_name",
            "pulp_href",
            "username"
        ],
        "no password, not even hashed"
    );
    assert_eq!(alice["id"], 2);
    assert_eq!(alice["pulp_href"], "/pulp/api/v3/users/2/");
    assert_eq!(
        (alice["is_staff"].clone(), alice["is_active"].clone()),
        (json!(false), json!(true))
    );
    let href = alice["pulp_href"].as_str().unwrap();
    assert_eq!(admin.get_ok(href), alice);

    let (status, body) = admin.post(
        USERS,
        &json!({"username": "alice", "password": "another-password"}),
    );
    assert_eq!(
        (status, body),
        (
            400,
            json!({"username": ["A user with that username already exists."]})
        )
    );
    let (status, body) = admin.post(USERS, &json!({"username": "bob"}));
    assert_eq!(
        (status, body),
        (400, json!({"password": ["This field is required."]}))
    );
    let (status, body) = admin.post(USERS, &json!({"username": "bad name", "password": "short"}));
    assert_eq!(status, 400);
    assert!(
        body["username"].is_array() && body["password"].is_array(),
        "{body}"
    );

    let filtered = admin.get_ok(&format!("{USERS}?username=alice"));
    assert_eq!(filtered["count"], 1);
    assert_eq!(filtered["results"][0]["pulp_href"], href);
    let paged = admin.get_ok(&format!("{USERS}?limit=1"));
    assert_eq!(paged["count"], 2);
    assert!(paged["next"]
        .as_str()
        .is_some_and(|n| n.contains("offset=1")));

    // A plain user may use the management API, but not the users endpoints.
    let as_alice = admin.with_credentials(Some(("alice", "alice-password")));
    assert_eq!(
        as_alice
            .get("/pulp/api/v3/repositories/container/container/")
            .0,
        200
    );
    for (status, body) in [
        as_alice.get(USERS),
        as_alice.get(href),
        as_alice.post(
            USERS,
            &json!({"username": "eve", "password": "eve-password"}),
        ),
        as_alice.patch(href, &json!({"is_staff": true})),
        as_alice.delete("/pulp/api/v3/users/1/"),
    ] {
        assert_eq!((status, body), (403, json!({"detail": FORBIDDEN})));
    }
    assert_eq!(anonymous.get(USERS).0, 401);
    assert_eq!(
        admin
            .with_credentials(Some(("alice", "wrong-password")))
            .get(USERS),
        (401, json!({"detail": "Invalid username/password."}))
    );

    // A password change takes effect at once (the old one was just verified and cached).
    let (status, updated) = admin.patch(
        href,
        &json!({"password": "alice-new-password", "last_name": "Liddell"}),
    );
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["last_name"], "Liddell");
    assert_eq!(
        as_alice
            .get("/pulp/api/v3/repositories/container/container/")
            .0,
        401
    );
    let as_alice = admin.with_credentials(Some(("alice", "alice-new-password")));
    assert_eq!(
        as_alice
            .get("/pulp/api/v3/repositories/container/container/")
            .0,
        200
    );

    // Made staff, alice manages users; deactivated, she cannot authenticate.
    admin.patch(href, &json!({"is_staff": true}));
    assert_eq!(as_alice.get(USERS).0, 200);
    admin.patch(href, &json!({"is_active": false}));
    assert_eq!(as_alice.get(USERS).0, 401);

    // The built-in admin stays.
    assert_eq!(
        admin.delete("/pulp/api/v3/users/1/"),
        (403, json!({"detail": "The admin user cannot be deleted."}))
    );
    let (status, body) = admin.patch("/pulp/api/v3/users/1/", &json!({"is_active": false}));
    assert_eq!(status, 400, "{body}");

    assert_eq!(admin.delete(href).0, 204);
    assert_eq!(
        admin.get(href),
        (404, json!({"detail": "No User matches the given query."}))
    );
    assert_eq!(
        admin.get(&format!("{USERS}abc/")),
        (404, json!({"detail": "Not found."}))
    );
    assert_eq!(admin.get_ok(USERS)["count"], 1);
}

/// A token is only as good as its subject (issue 11): once the user is deactivated or deleted, tokens issued to
/// it are refused at once with `invalid_token`, not when they expire 300 s later.
#[test]
fn tokens_stop_working_when_their_user_is_deactivated_or_deleted() {
    let d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("secrets");
    let secrets = distribute(
        &api,
        "team/secrets",
        repo["pulp_href"].as_str().unwrap(),
        true,
    );
    let dave = create_user(&api, "dave", "dave-password");
    api.post_expect(
        &format!("{}add_role/", secrets["pulp_href"].as_str().unwrap()),
        &json!({"role": "container.containerdistribution_consumer", "users": ["dave"]}),
        201,
    );
    let dave_href = dave["pulp_href"].as_str().unwrap();
    let tags = "/v2/team/secrets/tags/list";
    let pulls = |token: &str| get(&d, tags, None, Some(token));
    let refused = |answer: Answer| {
        assert_eq!(answer.status, 401, "{}", answer.body);
        let challenge = answer.challenge.unwrap_or_default();
        assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
    };

    let (dave_token, _, _) = token(
        &d,
        &["repository:team/secrets:pull"],
        Some(("dave", "dave-password")),
    );
    assert_eq!(pulls(&dave_token).status, 200, "dave's token pulls");
    assert_eq!(api.patch(dave_href, &json!({"is_active": false})).0, 200);
    refused(pulls(&dave_token));
    // Active again: the same (unexpired) token is good again, since it was never revoked, only its user paused.
    assert_eq!(api.patch(dave_href, &json!({"is_active": true})).0, 200);
    assert_eq!(pulls(&dave_token).status, 200);

    assert_eq!(api.delete(dave_href).0, 204);
    refused(pulls(&dave_token));
    // A new user given the old name (and the role) does not inherit the old user's tokens.
    wait_until(
        Duration::from_secs(5),
        "the clock to pass the token's second",
        || {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs();
            let (_, claims) = decode(&dave_token);
            (now > claims["iat"].as_u64().unwrap())
                .then_some(())
                .ok_or(now)
        },
    );
    create_user(&api, "dave", "dave-password");
    api.post_expect(
        &format!("{}add_role/", secrets["pulp_href"].as_str().unwrap()),
        &json!({"role": "container.containerdistribution_consumer", "users": ["dave"]}),
        201,
    );
    refused(pulls(&dave_token));
    // Other users' tokens are unaffected.
    let (admin_token, _, _) = token(
        &d,
        &["repository:team/secrets:pull"],
        Some(("admin", ADMIN_PASSWORD)),
    );
    assert_eq!(pulls(&admin_token).status, 200);
}
