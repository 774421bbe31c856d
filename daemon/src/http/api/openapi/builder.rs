//! Builds Pulp-shaped operations: a [`Resource`] is one of Pulp's viewsets (a collection, its items addressed by
//! a whole-href path parameter, its actions), and each operation gets Pulp's id (`<prefix>_<action>`), tag and
//! security, and schemas registered from `ToSchema` types under their Pulp names.

use std::collections::{BTreeMap, BTreeSet};
use utoipa::openapi::extensions::ExtensionsBuilder;
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, ParameterStyle, PathItem,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, InfoBuilder, OpenApi, OpenApiBuilder, PathsBuilder, Ref,
    RefOr, Required, ResponseBuilder, Schema,
};
use utoipa::ToSchema;

/// The document, and the axum routes (with their methods) its operations describe.
pub struct Documented {
    pub openapi: OpenApi,
    pub routes: BTreeSet<(String, String)>,
}

/// What an operation answers: a status and the schema of its JSON body (none for 204).
pub struct Answer(pub u16, pub Option<Ref>);

/// The document being built.
#[derive(Default)]
pub struct Doc {
    paths: BTreeMap<String, Vec<(HttpMethod, utoipa::openapi::path::Operation)>>,
    schemas: BTreeMap<String, RefOr<Schema>>,
    routes: BTreeSet<(String, String)>,
}

impl Doc {
    /// Registers `T`'s schema (and the schemas it refers to) under its name; returns a reference to it.
    pub fn schema<T: ToSchema>(&mut self) -> Ref {
        let mut nested = Vec::new();
        T::schemas(&mut nested);
        self.schemas.extend(nested);
        let schema = self.flattened(T::schema());
        self.schemas.insert(T::name().into_owned(), schema);
        Ref::from_schema_name(T::name())
    }

    /// `T`'s schema again under `name`, with no required fields: Pulp's `Patched…` body of a PATCH.
    pub fn patched<T: ToSchema>(&mut self, name: &str) -> Ref {
        self.schema::<T>();
        let mut schema = self.flattened(T::schema());
        if let RefOr::T(Schema::Object(object)) = &mut schema {
            object.required.clear();
        }
        self.schemas.insert(name.into(), schema);
        Ref::from_schema_name(name)
    }

    /// A struct with a `#[serde(flatten)]` field (utoipa: `allOf` of the field's schema and the other
    /// fields) as one object with every property, as Pulp's document has it (its serializers have no
    /// composition). Anything else is returned as it is.
    fn flattened(&self, schema: RefOr<Schema>) -> RefOr<Schema> {
        let RefOr::T(Schema::AllOf(all)) = &schema else {
            return schema;
        };
        let mut merged = utoipa::openapi::schema::Object::with_type(Type::Object);
        for item in &all.items {
            let part = match item {
                RefOr::Ref(r) => r
                    .ref_location
                    .strip_prefix("#/components/schemas/")
                    .and_then(|name| self.schemas.get(name)),
                inline => Some(inline),
            };
            let Some(RefOr::T(Schema::Object(part))) = part else {
                return schema;
            };
            merged.properties.extend(part.properties.clone());
            merged.required.extend(part.required.iter().cloned());
        }
        merged.description = all.description.clone();
        RefOr::T(Schema::Object(merged))
    }

    /// A free-form JSON object registered under `name`: the body of an endpoint whose fields are still decoded
    /// by hand (pulp-glue validates nothing in it).
    pub fn object(&mut self, name: &str, description: &str) -> Ref {
        let schema = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(description))
            .build();
        self.schemas.insert(name.into(), schema.into());
        Ref::from_schema_name(name)
    }

    /// Pulp's page of `T`: `Paginated<name>List` `{count, next, previous, results}`.
    pub fn paginated<T: ToSchema>(&mut self) -> Ref {
        let item = self.schema::<T>();
        let name = format!("Paginated{}List", T::name());
        let nullable_uri = || {
            ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
                    Type::String,
                    Type::Null,
                ]))
                .format(Some(utoipa::openapi::SchemaFormat::Custom("uri".into())))
        };
        let page = ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("count", ObjectBuilder::new().schema_type(Type::Integer))
            .property("next", nullable_uri())
            .property("previous", nullable_uri())
            .property("results", ArrayBuilder::new().items(item))
            .required("count")
            .required("results")
            .build();
        self.schemas.insert(name.clone(), page.into());
        Ref::from_schema_name(name)
    }

    fn add(
        &mut self,
        key: &str,
        route: &str,
        method: HttpMethod,
        op: utoipa::openapi::path::Operation,
    ) {
        let name = match method {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
        };
        self.routes.insert((route.to_string(), name.to_string()));
        self.paths
            .entry(key.to_string())
            .or_default()
            .push((method, op));
    }

    /// The finished document.
    pub fn build(self, versions: &[(&str, &str)]) -> Documented {
        let mut paths = PathsBuilder::new();
        for (key, ops) in self.paths {
            let mut item: Option<PathItem> = None;
            for (method, op) in ops {
                item = Some(match item {
                    None => PathItem::new(method, op),
                    Some(mut item) => {
                        item.merge_operations(PathItem::new(method, op));
                        item
                    }
                });
            }
            if let Some(item) = item {
                paths = paths.path(key, item);
            }
        }
        let mut components = ComponentsBuilder::new().security_scheme(
            "basicAuth",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Basic)),
        );
        for (name, schema) in self.schemas {
            components = components.schema(name, schema);
        }
        let app_versions: serde_json::Map<String, serde_json::Value> = versions
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
            .collect();
        let info = InfoBuilder::new()
            .title("Pulp 3 API")
            .version("v3")
            .description(Some(
                "pulpd: Pulp's container API (the operations and schemas pulp-cli and generated clients use)",
            ))
            .extensions(Some(
                ExtensionsBuilder::new()
                    .add("x-pulp-app-versions", serde_json::Value::Object(app_versions))
                    .add("x-pulp-domain-enabled", false)
                    .build(),
            ))
            .build();
        Documented {
            openapi: OpenApiBuilder::new()
                .info(info)
                .paths(paths)
                .components(Some(components.build()))
                .build(),
            routes: self.routes,
        }
    }
}

/// One of Pulp's viewsets.
#[derive(Clone, Copy)]
pub struct Resource {
    /// The tag operations are grouped under (`Repositories: Container`).
    pub tag: &'static str,
    /// The operation id prefix (`repositories_container_container`).
    pub prefix: &'static str,
    /// The collection's path in the document (`/pulp/api/v3/repositories/container/container/`, or
    /// `{container_container_repository_href}versions/` below a parent).
    pub collection: &'static str,
    /// The axum route of the collection (the same, or `…/container/{id}/versions/` below a parent).
    pub collection_route: &'static str,
    /// The parent's href parameter, for a collection below a parent's item.
    pub parent: Option<&'static str>,
    /// The item's path parameter, holding a whole href (`container_container_repository_href`).
    pub href: &'static str,
    /// The axum route of one item (`…/container/{id}/`).
    pub item_route: &'static str,
    /// What an item is, for summaries (`a container repository`).
    pub noun: &'static str,
    /// Whether the operations need credentials (all but status and the document).
    pub secured: bool,
}

/// Query parameters of a list.
pub enum Filters {
    /// `limit`, `offset`, `ordering`, `fields`, `exclude_fields`.
    Page,
    /// [`Filters::Page`] and the name filters of `ListParams::name_matches`.
    Names,
    /// [`Filters::Page`] and the given string filters.
    Fields(&'static [&'static str]),
    /// [`Filters::Page`], the name filters and the task filters of `Tasks::list`.
    Tasks,
    /// [`Filters::Page`] and the version number (`Repositories::versions`).
    Versions,
    /// [`Filters::Page`], the repository version filters of a content list, and the given string and
    /// comma-separated list filters (`content::units::Units::list`).
    Content(&'static [&'static str], &'static [&'static str]),
}

impl Resource {
    fn item_key(&self) -> String {
        format!("{{{}}}", self.href)
    }

    fn operation(&self, action: &str, summary: String) -> OperationBuilder {
        let mut op = OperationBuilder::new()
            .operation_id(Some(format!("{}_{action}", self.prefix)))
            .summary(Some(summary))
            .tag(self.tag);
        if self.secured {
            op = op.security(SecurityRequirement::new("basicAuth", Vec::<String>::new()));
        }
        op
    }

    fn href_param(&self) -> utoipa::openapi::path::Parameter {
        path_param(self.href)
    }

    /// The parent's href parameter of a collection below a parent's item.
    fn collection_params(&self, mut op: OperationBuilder) -> OperationBuilder {
        if let Some(parent) = self.parent {
            op = op.parameter(path_param(parent));
        }
        op
    }

    fn finish(
        op: OperationBuilder,
        body: Option<Ref>,
        answers: &[Answer],
    ) -> utoipa::openapi::path::Operation {
        let mut op = op;
        if let Some(body) = body {
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .content(
                        "application/json",
                        ContentBuilder::new().schema(Some(body)).build(),
                    )
                    .required(Some(Required::True))
                    .build(),
            ));
        }
        for Answer(status, schema) in answers {
            let mut response = ResponseBuilder::new().description("");
            if let Some(schema) = schema {
                response = response.content(
                    "application/json",
                    ContentBuilder::new().schema(Some(schema.clone())).build(),
                );
            }
            op = op.response(status.to_string(), response.build());
        }
        op.build()
    }

    /// `GET` of the collection (`<prefix>_list`) answering `page`.
    pub fn list(&self, doc: &mut Doc, page: Ref, filters: Filters) {
        let mut op = self.collection_params(self.operation("list", format!("List {}", self.noun)));
        for p in query_params(&filters) {
            op = op.parameter(p);
        }
        let op = Self::finish(op, None, &[Answer(200, Some(page))]);
        doc.add(self.collection, self.collection_route, HttpMethod::Get, op);
    }

    /// `POST` of the collection (`<prefix>_create`).
    pub fn create(&self, doc: &mut Doc, body: Ref, answer: Answer) {
        let op = self.collection_params(self.operation("create", format!("Create {}", self.noun)));
        let op = Self::finish(op, Some(body), &[answer]);
        doc.add(self.collection, self.collection_route, HttpMethod::Post, op);
    }

    /// `GET` of an item (`<prefix>_read`).
    pub fn read(&self, doc: &mut Doc, answer: Ref) {
        let op = self
            .operation("read", format!("Inspect {}", self.noun))
            .parameter(self.href_param())
            .parameter(array_param("fields"))
            .parameter(array_param("exclude_fields"));
        let op = Self::finish(op, None, &[Answer(200, Some(answer))]);
        doc.add(&self.item_key(), self.item_route, HttpMethod::Get, op);
    }

    /// `PUT` (`<prefix>_update`) and `PATCH` (`<prefix>_partial_update`) of an item.
    pub fn update(&self, doc: &mut Doc, put: Ref, patch: Ref, answer: Answer) {
        for (method, action, body) in [
            (HttpMethod::Put, "update", put),
            (HttpMethod::Patch, "partial_update", patch),
        ] {
            let op = self
                .operation(action, format!("Update {}", self.noun))
                .parameter(self.href_param());
            let op = Self::finish(op, Some(body), &[Answer(answer.0, answer.1.clone())]);
            doc.add(&self.item_key(), self.item_route, method, op);
        }
    }

    /// `DELETE` of an item (`<prefix>_delete`).
    pub fn delete(&self, doc: &mut Doc, answer: Answer) {
        let op = self
            .operation("delete", format!("Delete {}", self.noun))
            .parameter(self.href_param());
        let op = Self::finish(op, None, &[answer]);
        doc.add(&self.item_key(), self.item_route, HttpMethod::Delete, op);
    }

    /// Another operation on the item itself (`tasks_cancel`: `PATCH {task_href}`).
    pub fn item_operation(
        &self,
        doc: &mut Doc,
        method: HttpMethod,
        action: &str,
        body: Option<Ref>,
        answers: &[Answer],
    ) {
        let op = self
            .operation(action, format!("{action} {}", self.noun))
            .parameter(self.href_param());
        let op = Self::finish(op, body, answers);
        doc.add(&self.item_key(), self.item_route, method, op);
    }

    /// An action on an item: `<href><name>/` (`<prefix>_<name>`).
    pub fn action(
        &self,
        doc: &mut Doc,
        method: HttpMethod,
        name: &str,
        body: Option<Ref>,
        answer: Answer,
    ) {
        let op = self
            .operation(name, format!("{name} on {}", self.noun))
            .parameter(self.href_param());
        let op = Self::finish(op, body, &[answer]);
        let key = format!("{}{name}/", self.item_key());
        let route = format!("{}{name}/", self.item_route);
        doc.add(&key, &route, method, op);
    }

    /// An operation on the collection itself that is not a list or create (`orphans_cleanup_cleanup`).
    pub fn collection_action(
        &self,
        doc: &mut Doc,
        method: HttpMethod,
        action: &str,
        body: Option<Ref>,
        answer: Answer,
    ) {
        let op = self.collection_params(self.operation(action, format!("{action} {}", self.noun)));
        let op = Self::finish(op, body, &[answer]);
        doc.add(self.collection, self.collection_route, method, op);
    }
}

fn path_param(name: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

fn string_param(name: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

fn datetime_param(name: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .schema(Some(ObjectBuilder::new().schema_type(Type::String).format(
            Some(utoipa::openapi::SchemaFormat::KnownFormat(
                utoipa::openapi::KnownFormat::DateTime,
            )),
        )))
        .build()
}

fn integer_param(name: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
        .build()
}

/// A comma-separated list (`style: form, explode: false`), as Pulp's `name__in` and `fields`.
fn array_param(name: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .style(Some(ParameterStyle::Form))
        .explode(Some(false))
        .schema(Some(
            ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::String)),
        ))
        .build()
}

fn query_params(filters: &Filters) -> Vec<utoipa::openapi::path::Parameter> {
    let mut params = vec![
        integer_param("limit"),
        integer_param("offset"),
        array_param("ordering"),
        array_param("fields"),
        array_param("exclude_fields"),
    ];
    match filters {
        Filters::Page => {}
        Filters::Names => {
            for name in [
                "name",
                "name__contains",
                "name__icontains",
                "name__startswith",
            ] {
                params.push(string_param(name));
            }
            params.push(array_param("name__in"));
            params.push(string_param("pulp_label_select"));
        }
        Filters::Content(strings, arrays) => {
            for name in [
                "repository_version",
                "repository_version_added",
                "repository_version_removed",
            ] {
                params.push(string_param(name));
            }
            params.extend(strings.iter().map(|f| string_param(f)));
            params.extend(arrays.iter().map(|f| array_param(f)));
            params.push(array_param("pulp_href__in"));
        }
        Filters::Fields(fields) => params.extend(fields.iter().map(|f| string_param(f))),
        Filters::Versions => params.push(integer_param("number")),
        Filters::Tasks => {
            for name in [
                "name",
                "name__contains",
                "name__icontains",
                "name__startswith",
                "state",
                "reserved_resources",
                "logging_cid__contains",
                "created_resources",
            ] {
                params.push(string_param(name));
            }
            for field in ["started_at", "finished_at", "pulp_created"] {
                for op in ["gte", "gt", "lte", "lt"] {
                    params.push(datetime_param(&format!("{field}__{op}")));
                }
            }
            for name in [
                "name__in",
                "state__in",
                "reserved_resources__in",
                "exclusive_resources__in",
                "shared_resources__in",
            ] {
                params.push(array_param(name));
            }
        }
    }
    params
}
