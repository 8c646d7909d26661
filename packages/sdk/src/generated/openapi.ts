/**
 * Generated from the Keystone server's OpenAPI document by `npm run generate -w @keystone/sdk`.
 * Do not edit: a test regenerates it and fails on any difference.
 */

export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public keys that verify access tokens (JWK Set, RFC 7517) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The active signing key first, then retired keys still in use */
                            keys: {
                                /** @enum {string} */
                                alg: "EdDSA" | "ES256";
                                /** @enum {string} */
                                crv: "Ed25519" | "P-256";
                                kid: string;
                                /** @enum {string} */
                                kty: "OKP" | "EC";
                                /** @enum {string} */
                                use: "sig";
                                x: string;
                                /** @description EC keys only */
                                y?: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Discovery: the token issuer and where its keys are */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claims_supported: string[];
                            id_token_signing_alg_values_supported: string[];
                            issuer: string;
                            jwks_uri: string;
                            subject_types_supported: "public"[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The development outbox, as a page (only while SMTP_URL is unset)
         * @description The newest 50 mails, newest first. Operator key as X-Keystone-Key or, for a browser, ?key=.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The operator key (a browser cannot send the header) */
                    key?: string;
                    /** @description Only mail to this address */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An HTML page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/outbox/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The development outbox, as JSON (only while SMTP_URL is unset) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description Only mail to this address */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description ISO 8601, UTC */
                                created_at: string;
                                from: string;
                                html: string | null;
                                id: string;
                                subject: string;
                                text: string;
                                to: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organization’s stores, oldest first (OpenFGA ListStores) */
        get: {
            parameters: {
                query?: {
                    continuation_token?: string;
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            continuation_token: string;
                            stores: {
                                created_at: string;
                                deleted_at?: string;
                                id: string;
                                name: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a store (OpenFGA CreateStore) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            deleted_at?: string;
                            id: string;
                            name: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a store (OpenFGA GetStore) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            deleted_at?: string;
                            id: string;
                            name: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a store (OpenFGA DeleteStore); its tuples stop answering at once */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/authorization-models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the store’s authorization models, newest first (OpenFGA ReadAuthorizationModels) */
        get: {
            parameters: {
                query?: {
                    continuation_token?: string;
                    page_size?: number;
                };
                header?: never;
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorization_models: {
                                conditions?: {
                                    [key: string]: {
                                        [key: string]: unknown;
                                    };
                                };
                                id: string;
                                schema_version: string;
                                type_definitions: {
                                    [key: string]: unknown;
                                }[];
                            }[];
                            continuation_token: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Write an authorization model, as OpenFGA JSON or (Keystone extension) `{ "dsl": … }` */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        conditions?: {
                            [key: string]: {
                                [key: string]: unknown;
                            };
                        };
                        schema_version: string;
                        type_definitions: {
                            [key: string]: unknown;
                        }[];
                    } | {
                        dsl: string;
                    } | {
                        modules: {
                            contents: string;
                            name: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorization_model_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/authorization-models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one authorization model (OpenFGA ReadAuthorizationModel) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authorization_model: {
                                conditions?: {
                                    [key: string]: {
                                        [key: string]: unknown;
                                    };
                                };
                                id: string;
                                schema_version: string;
                                type_definitions: {
                                    [key: string]: unknown;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/batch-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Several checks, each answered under its correlation id (OpenFGA BatchCheck) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorization_model_id?: string;
                        checks: {
                            context?: {
                                [key: string]: unknown;
                            };
                            contextual_tuples?: {
                                tuple_keys: {
                                    condition?: {
                                        context?: {
                                            [key: string]: unknown;
                                        };
                                        name: string;
                                    };
                                    object: string;
                                    relation: string;
                                    user: string;
                                }[];
                            };
                            correlation_id: string;
                            tuple_key: {
                                object: string;
                                relation: string;
                                user: string;
                            };
                        }[];
                        /** @enum {string} */
                        consistency?: "UNSPECIFIED" | "MINIMIZE_LATENCY" | "HIGHER_CONSISTENCY";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            result: {
                                [key: string]: {
                                    allowed: boolean;
                                    error?: {
                                        input_error?: string;
                                        internal_error?: string;
                                        message: string;
                                    };
                                };
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store’s tuple writes and deletes in order, from a continuation token (OpenFGA ReadChanges) */
        get: {
            parameters: {
                query?: {
                    continuation_token?: string;
                    page_size?: number;
                    start_time?: string;
                    type?: string;
                };
                header?: never;
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            changes: {
                                /** @enum {string} */
                                operation: "TUPLE_OPERATION_WRITE" | "TUPLE_OPERATION_DELETE";
                                timestamp: string;
                                tuple_key: {
                                    condition?: {
                                        context?: {
                                            [key: string]: unknown;
                                        };
                                        name: string;
                                    };
                                    object: string;
                                    relation: string;
                                    user: string;
                                };
                            }[];
                            continuation_token: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Is the user related to the object? (OpenFGA Check; fails closed on any error) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorization_model_id?: string;
                        /** @enum {string} */
                        consistency?: "UNSPECIFIED" | "MINIMIZE_LATENCY" | "HIGHER_CONSISTENCY";
                        context?: {
                            [key: string]: unknown;
                        };
                        contextual_tuples?: {
                            tuple_keys: {
                                condition?: {
                                    context?: {
                                        [key: string]: unknown;
                                    };
                                    name: string;
                                };
                                object: string;
                                relation: string;
                                user: string;
                            }[];
                        };
                        trace?: boolean;
                        tuple_key: {
                            object: string;
                            relation: string;
                            user: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed: boolean;
                            resolution: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete every tuple of one user or one object, in one transaction (Keystone extension) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            /** @description Exactly one of `user` (that exact user) or `object` (its tuples and every tuple naming it) */
            requestBody: {
                content: {
                    "application/json": {
                        user: string;
                    } | {
                        object: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deleted: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/expand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One level of the userset tree of object#relation (OpenFGA Expand) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorization_model_id?: string;
                        /** @enum {string} */
                        consistency?: "UNSPECIFIED" | "MINIMIZE_LATENCY" | "HIGHER_CONSISTENCY";
                        contextual_tuples?: {
                            tuple_keys: {
                                condition?: {
                                    context?: {
                                        [key: string]: unknown;
                                    };
                                    name: string;
                                };
                                object: string;
                                relation: string;
                                user: string;
                            }[];
                        };
                        tuple_key: {
                            object: string;
                            relation: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tree: {
                                root: {
                                    [key: string]: unknown;
                                };
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/list-objects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Every object of a type the user has a relation to, complete or an error, never cut off (OpenFGA ListObjects; at most 100000) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorization_model_id?: string;
                        /** @enum {string} */
                        consistency?: "UNSPECIFIED" | "MINIMIZE_LATENCY" | "HIGHER_CONSISTENCY";
                        context?: {
                            [key: string]: unknown;
                        };
                        contextual_tuples?: {
                            tuple_keys: {
                                condition?: {
                                    context?: {
                                        [key: string]: unknown;
                                    };
                                    name: string;
                                };
                                object: string;
                                relation: string;
                                user: string;
                            }[];
                        };
                        relation: string;
                        type: string;
                        user: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            objects: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/list-users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Every user of the filter type related to the object, complete or an error (OpenFGA ListUsers) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorization_model_id?: string;
                        /** @enum {string} */
                        consistency?: "UNSPECIFIED" | "MINIMIZE_LATENCY" | "HIGHER_CONSISTENCY";
                        context?: {
                            [key: string]: unknown;
                        };
                        contextual_tuples?: {
                            condition?: {
                                context?: {
                                    [key: string]: unknown;
                                };
                                name: string;
                            };
                            object: string;
                            relation: string;
                            user: string;
                        }[];
                        object: {
                            id: string;
                            type: string;
                        };
                        relation: string;
                        user_filters: {
                            relation?: string;
                            type: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: ({
                                object: {
                                    id: string;
                                    type: string;
                                };
                            } | {
                                userset: {
                                    id: string;
                                    relation: string;
                                    type: string;
                                };
                            } | {
                                wildcard: {
                                    type: string;
                                };
                            })[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read the tuples matching a tuple-key filter, a page at a time (OpenFGA Read) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        consistency?: "UNSPECIFIED" | "MINIMIZE_LATENCY" | "HIGHER_CONSISTENCY";
                        continuation_token?: string;
                        page_size?: number;
                        tuple_key?: {
                            object?: string;
                            relation?: string;
                            user?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            continuation_token: string;
                            tuples: {
                                key: {
                                    condition?: {
                                        context?: {
                                            [key: string]: unknown;
                                        };
                                        name: string;
                                    };
                                    object: string;
                                    relation: string;
                                    user: string;
                                };
                                timestamp: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/fga/stores/{store_id}/write": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write and delete tuples, all or nothing, at most 100 (OpenFGA Write) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    store_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        authorization_model_id?: string;
                        deletes?: {
                            /** @enum {string} */
                            on_missing?: "error" | "ignore";
                            tuple_keys: {
                                object: string;
                                relation: string;
                                user: string;
                            }[];
                        };
                        writes?: {
                            /** @enum {string} */
                            on_duplicate?: "error" | "ignore";
                            tuple_keys: {
                                condition?: {
                                    context?: {
                                        [key: string]: unknown;
                                    };
                                    name: string;
                                };
                                object: string;
                                relation: string;
                                user: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": Record<string, never>;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ofrep/v1/evaluate/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OFREP: evaluate every flag of the key’s environment (ETag; If-None-Match answers 304) */
        post: {
            parameters: {
                query?: {
                    flagConfigEtag?: string;
                    flagConfigLastModified?: string;
                };
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description OFREP evaluation request (fields other than context are ignored, as OFREP asks) */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The evaluation context: targetingKey and any attributes (an object) */
                        context?: unknown;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flags: ({
                                key: string;
                                /** @description flagSetVersion, flagVersion, ruleId: what decided the answer */
                                metadata: {
                                    [key: string]: string | number | boolean;
                                };
                                /** @description STATIC, TARGETING_MATCH, SPLIT, DISABLED, DEFAULT or PREREQUISITE_FAILED */
                                reason: string;
                                /** @description The variant’s value: boolean, string, number or JSON */
                                value: unknown;
                                variant?: string;
                            } | {
                                /** @description FLAG_NOT_FOUND, PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT or GENERAL */
                                errorCode: string;
                                errorDetails?: string;
                                key: string;
                            })[];
                            metadata: {
                                flagSetVersion: number;
                            };
                        };
                    };
                };
                /** @description Not modified: the If-None-Match ETag is current */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code?: string;
                            detail?: string;
                            /** @description INVALID_CONTEXT or PARSE_ERROR */
                            errorCode: string;
                            errorDetails?: string;
                            instance?: string;
                            key?: string;
                            status?: number;
                            title?: string;
                            trace_id?: string;
                            type?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ofrep/v1/evaluate/flags/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OFREP: evaluate one flag in the key’s environment */
        post: {
            parameters: {
                query?: {
                    flagConfigEtag?: string;
                    flagConfigLastModified?: string;
                };
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            /** @description OFREP evaluation request (fields other than context are ignored, as OFREP asks) */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The evaluation context: targetingKey and any attributes (an object) */
                        context?: unknown;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            /** @description flagSetVersion, flagVersion, ruleId: what decided the answer */
                            metadata: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description STATIC, TARGETING_MATCH, SPLIT, DISABLED, DEFAULT or PREREQUISITE_FAILED */
                            reason: string;
                            /** @description The variant’s value: boolean, string, number or JSON */
                            value: unknown;
                            variant?: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code?: string;
                            detail?: string;
                            /** @description FLAG_NOT_FOUND, PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT or GENERAL */
                            errorCode: string;
                            errorDetails?: string;
                            instance?: string;
                            key: string;
                            status?: number;
                            title?: string;
                            trace_id?: string;
                            type?: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code?: string;
                            detail?: string;
                            /** @description FLAG_NOT_FOUND, PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT or GENERAL */
                            errorCode: string;
                            errorDetails?: string;
                            instance?: string;
                            key: string;
                            status?: number;
                            title?: string;
                            trace_id?: string;
                            type?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database is reachable and fully migrated */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            database: "pglite" | "postgres";
                            migrations: {
                                applied: number;
                                expected: number;
                            };
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the instance’s API keys that are not revoked (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                allowed_origins: string[];
                                created_at: string;
                                created_by: string | null;
                                /** @description The first characters of the key, to tell keys apart */
                                display_prefix: string;
                                /** @enum {string} */
                                environment: "live" | "test";
                                expires_at: string | null;
                                /** @description The flag environment the key evaluates flags in */
                                flags_environment: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "secret" | "publishable";
                                /** @description Precise to a few seconds (uses are recorded in batches) */
                                last_used_at: string | null;
                                name: string;
                                /** @description The organization, or `instance` for an instance key */
                                org_id: string;
                                rate_limit_per_minute: number | null;
                                scopes: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an instance API key; the response holds the key, shown this once */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Publishable keys: the browser origins that may use the key */
                        allowed_origins?: string[];
                        /**
                         * @default live
                         * @enum {string}
                         */
                        environment?: "live" | "test";
                        /**
                         * Format: date-time
                         * @description When the key stops working; never if absent
                         */
                        expires_at?: string;
                        /** @description Instance keys with `flags:evaluate`: the flag environment they evaluate in (required for publishable keys) */
                        flags_environment?: string;
                        /**
                         * @description `sk_` (backends) or `pk_` (browsers)
                         * @default secret
                         * @enum {string}
                         */
                        kind?: "secret" | "publishable";
                        name: string;
                        /** @description This key’s own limit, instead of the per-credential default */
                        rate_limit_per_minute?: number;
                        /**
                         * @description `admin` only for instance keys; publishable keys may hold only `flags:evaluate`
                         * @default []
                         */
                        scopes?: ("orgs:read" | "orgs:write" | "fga:check" | "fga:write" | "flags:evaluate" | "events:write" | "admin")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_origins: string[];
                            created_at: string;
                            created_by: string | null;
                            /** @description The first characters of the key, to tell keys apart */
                            display_prefix: string;
                            /** @enum {string} */
                            environment: "live" | "test";
                            expires_at: string | null;
                            /** @description The flag environment the key evaluates flags in */
                            flags_environment: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "secret" | "publishable";
                            /** @description Precise to a few seconds (uses are recorded in batches) */
                            last_used_at: string | null;
                            name: string;
                            /** @description The organization, or `instance` for an instance key */
                            org_id: string;
                            rate_limit_per_minute: number | null;
                            scopes: string[];
                            /** @description The key itself. Shown this once: Keystone keeps only its hash */
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an instance API key; it stops working on every server at once */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace an instance API key with a new one of the same settings, shown this once */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Keep the old key working this long (at most 7 days); 0 (the default) revokes it now */
                        expire_old_in_seconds?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_origins: string[];
                            created_at: string;
                            created_by: string | null;
                            /** @description The first characters of the key, to tell keys apart */
                            display_prefix: string;
                            /** @enum {string} */
                            environment: "live" | "test";
                            expires_at: string | null;
                            /** @description The flag environment the key evaluates flags in */
                            flags_environment: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "secret" | "publishable";
                            /** @description Precise to a few seconds (uses are recorded in batches) */
                            last_used_at: string | null;
                            name: string;
                            /** @description The organization, or `instance` for an instance key */
                            org_id: string;
                            rate_limit_per_minute: number | null;
                            scopes: string[];
                            /** @description The key itself. Shown this once: Keystone keeps only its hash */
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/app-permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The application permissions the instance declares (operators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created_at: string;
                                description: string | null;
                                key: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Declare an application permission (e.g. projects:create) for custom roles (operators) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        key: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            description: string | null;
                            key: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/email-links/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The page an emailed link opens (reading it uses nothing up; its button does) */
        get: {
            parameters: {
                query: {
                    /** @description The token of the emailed link (its ?token= value): for apps that open the link themselves */
                    token: string;
                };
                header?: never;
                path: {
                    kind: "verify-email" | "reset-password" | "sign-in" | "change-email";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An HTML page (also sent with 400, 409 or 422 when the link fails) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        put?: never;
        /**
         * The emailed link’s button: uses the token and shows the result
         * @description A form post (application/x-www-form-urlencoded) from the page above.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    kind: "verify-email" | "reset-password" | "sign-in" | "change-email";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        new_password?: string;
                        /** @description The token of the emailed link (its ?token= value): for apps that open the link themselves */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description An HTML page (also sent with 400, 409 or 422 when the link fails) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish a sign-in with MFA: the mfa_token and a TOTP or recovery code
         * @description With x-keystone-token-delivery: cookie the refresh token is set as an HttpOnly cookie instead of returned.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code the authenticator app shows now */
                        code?: string;
                        /** @description The mfa_token of the mfa_required answer */
                        mfa_token: string;
                        /** @description One of the recovery codes, e.g. 7k3qd-x9m2a */
                        recovery_code?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A JWT to send as Authorization: Bearer */
                            access_token: string;
                            /** @description Seconds until the access token expires */
                            expires_in: number;
                            /** @description Opaque; exchange it once at /v1/auth/refresh. Absent with cookie delivery: it is in the cookie */
                            refresh_token?: string;
                            session_id: string;
                            /** @enum {string} */
                            status: "signed_in";
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                created_at: string;
                                email: string;
                                email_verified: boolean;
                                id: string;
                                mfa_enabled: boolean;
                                name: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a password reset code and link (only to an existing account; the answer is the same) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description The same answer whether or not the address has an account */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the emailed code or link token; every session of the user ends */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code from the email */
                        code: string;
                        email: string;
                        new_password: string;
                    } | {
                        new_password: string;
                        /** @description The token of the emailed link (its ?token= value): for apps that open the link themselves */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Every session has ended: sign in with the new password
                             * @enum {string}
                             */
                            next: "sign_in";
                            /** @enum {string} */
                            status: "password_reset";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/passwordless": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a sign-in code and link (only to an existing account; the answer is the same) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description The same answer whether or not the address has an account */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/passwordless/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with the emailed code (and the address) or the link’s token: tokens, or an MFA challenge
         * @description Verifies the address too. With x-keystone-token-delivery: cookie the refresh token is set as an HttpOnly cookie instead of returned.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code from the email */
                        code: string;
                        email: string;
                    } | {
                        /** @description The token of the emailed link (its ?token= value): for apps that open the link themselves */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A JWT to send as Authorization: Bearer */
                            access_token: string;
                            /** @description Seconds until the access token expires */
                            expires_in: number;
                            /** @description Opaque; exchange it once at /v1/auth/refresh. Absent with cookie delivery: it is in the cookie */
                            refresh_token?: string;
                            session_id: string;
                            /** @enum {string} */
                            status: "signed_in";
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                created_at: string;
                                email: string;
                                email_verified: boolean;
                                id: string;
                                mfa_enabled: boolean;
                                name: string | null;
                            };
                        } | {
                            expires_in: number;
                            methods: ("totp" | "recovery_code")[];
                            /** @description Send it with a TOTP or recovery code to /v1/auth/mfa/verify */
                            mfa_token: string;
                            /** @enum {string} */
                            status: "mfa_required";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token (once) for a new access and refresh token
         * @description With x-keystone-token-delivery: cookie the refresh token is set as an HttpOnly cookie instead of returned. Without refresh_token in the body the cookie is used; such requests need the X-Keystone-CSRF header and an allowed Origin.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refresh_token?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A JWT to send as Authorization: Bearer */
                            access_token: string;
                            /** @description Seconds until the access token expires */
                            expires_in: number;
                            /** @description Opaque; exchange it once at /v1/auth/refresh. Absent with cookie delivery: it is in the cookie */
                            refresh_token?: string;
                            session_id: string;
                            /** @enum {string} */
                            status: "signed_in";
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                created_at: string;
                                email: string;
                                email_verified: boolean;
                                id: string;
                                mfa_enabled: boolean;
                                name: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password: tokens, or an MFA challenge
         * @description With x-keystone-token-delivery: cookie the refresh token is set as an HttpOnly cookie instead of returned.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A JWT to send as Authorization: Bearer */
                            access_token: string;
                            /** @description Seconds until the access token expires */
                            expires_in: number;
                            /** @description Opaque; exchange it once at /v1/auth/refresh. Absent with cookie delivery: it is in the cookie */
                            refresh_token?: string;
                            session_id: string;
                            /** @enum {string} */
                            status: "signed_in";
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                created_at: string;
                                email: string;
                                email_verified: boolean;
                                id: string;
                                mfa_enabled: boolean;
                                name: string | null;
                            };
                        } | {
                            expires_in: number;
                            methods: ("totp" | "recovery_code")[];
                            /** @description Send it with a TOTP or recovery code to /v1/auth/mfa/verify */
                            mfa_token: string;
                            /** @enum {string} */
                            status: "mfa_required";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session of this access token (its refresh token stops working)
         * @description Also clears the refresh cookie when the request carries it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (the answer is the same whether or not the email has one) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        name?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description What to do next: verify the emailed code, or sign in
                             * @enum {string}
                             */
                            next: "verify_email" | "sign_in";
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the email address with the emailed code (and the address), or the link’s token */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code from the email */
                        code: string;
                        email: string;
                    } | {
                        /** @description The token of the emailed link (its ?token= value): for apps that open the link themselves */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "verified";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/verify-email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a new verification code (only to an account not verified yet; the answer is the same) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description The same answer whether or not the address has an account */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flag-environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the flag environments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created_at: string;
                                key: string;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a flag environment */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            key: string;
                            name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flag-environments/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a flag environment (refused, naming the flags, while a flag configures it) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flag-segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List segments in key order, a page at a time */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created_at: string;
                                definition: {
                                    attribute?: string;
                                    description?: string;
                                    excluded?: string[];
                                    included?: string[];
                                    /** @description The path’s key; may be left out */
                                    key?: string;
                                    name?: string;
                                    rules?: {
                                        clauses: {
                                            attribute: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                            values: (string | number | boolean)[];
                                        }[];
                                    }[];
                                };
                                flag_set_version?: number;
                                key: string;
                                updated_at: string;
                                version: number;
                            }[];
                            /** @description Pass as cursor for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flag-segments/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a segment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            definition: {
                                attribute?: string;
                                description?: string;
                                excluded?: string[];
                                included?: string[];
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                rules?: {
                                    clauses: {
                                        attribute: string;
                                        negate?: boolean;
                                        /** @enum {string} */
                                        operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                        values: (string | number | boolean)[];
                                    }[];
                                }[];
                            };
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            version: number;
                        };
                    };
                };
            };
        };
        /** Create a segment or replace its definition; a new version */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attribute?: string;
                        description?: string;
                        excluded?: string[];
                        included?: string[];
                        /** @description The path’s key; may be left out */
                        key?: string;
                        name?: string;
                        rules?: {
                            clauses: {
                                attribute: string;
                                negate?: boolean;
                                /** @enum {string} */
                                operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                values: (string | number | boolean)[];
                            }[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            definition: {
                                attribute?: string;
                                description?: string;
                                excluded?: string[];
                                included?: string[];
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                rules?: {
                                    clauses: {
                                        attribute: string;
                                        negate?: boolean;
                                        /** @enum {string} */
                                        operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                        values: (string | number | boolean)[];
                                    }[];
                                }[];
                            };
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            definition: {
                                attribute?: string;
                                description?: string;
                                excluded?: string[];
                                included?: string[];
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                rules?: {
                                    clauses: {
                                        attribute: string;
                                        negate?: boolean;
                                        /** @enum {string} */
                                        operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                        values: (string | number | boolean)[];
                                    }[];
                                }[];
                            };
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a segment (refused, naming the flags, while a flag uses it) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flag-segments/{key}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A segment’s versions, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                changes: string[];
                                created_at: string;
                                definition: {
                                    attribute?: string;
                                    description?: string;
                                    excluded?: string[];
                                    included?: string[];
                                    /** @description The path’s key; may be left out */
                                    key?: string;
                                    name?: string;
                                    rules?: {
                                        clauses: {
                                            attribute: string;
                                            negate?: boolean;
                                            /** @enum {string} */
                                            operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                            values: (string | number | boolean)[];
                                        }[];
                                    }[];
                                };
                                deleted: boolean;
                                flag_set_version: number;
                                summary: string;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the live flags in key order, a page at a time */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                archived_at: string | null;
                                created_at: string;
                                definition: {
                                    description?: string;
                                    environments: {
                                        [key: string]: {
                                            fallthrough: {
                                                variant: string;
                                            } | {
                                                rollout: {
                                                    bucket_by?: string;
                                                    variants: {
                                                        variant: string;
                                                        weight: number;
                                                    }[];
                                                };
                                            };
                                            off_variant: string;
                                            on: boolean;
                                            prerequisites?: {
                                                flag: string;
                                                variant: string;
                                            }[];
                                            rules?: {
                                                clauses: {
                                                    attribute: string;
                                                    negate?: boolean;
                                                    /** @enum {string} */
                                                    operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                                    values: (string | number | boolean)[];
                                                }[];
                                                description?: string;
                                                id?: string;
                                                serve: {
                                                    variant: string;
                                                } | {
                                                    rollout: {
                                                        bucket_by?: string;
                                                        variants: {
                                                            variant: string;
                                                            weight: number;
                                                        }[];
                                                    };
                                                };
                                            }[];
                                            targets?: {
                                                attribute?: string;
                                                values: string[];
                                                variant: string;
                                            }[];
                                        };
                                    };
                                    /** @description The path’s key; may be left out */
                                    key?: string;
                                    name?: string;
                                    /** @description Served in environments the flag does not configure */
                                    off_variant: string;
                                    /** @description Set by the server on create and kept; may be left out */
                                    salt?: string;
                                    tags?: string[];
                                    /** @enum {string} */
                                    type: "boolean" | "string" | "number" | "json";
                                    /** @description Variant name → value (a JSON value of the flag’s type) */
                                    variants: {
                                        [key: string]: unknown;
                                    };
                                };
                                /** @description The instance’s flag-set version after a change */
                                flag_set_version?: number;
                                key: string;
                                updated_at: string;
                                /** @description The flag’s own version: 1, 2, 3, ... */
                                version: number;
                            }[];
                            /** @description Pass as cursor for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a flag’s current definition (archived flags too, with archived_at) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived_at: string | null;
                            created_at: string;
                            definition: {
                                description?: string;
                                environments: {
                                    [key: string]: {
                                        fallthrough: {
                                            variant: string;
                                        } | {
                                            rollout: {
                                                bucket_by?: string;
                                                variants: {
                                                    variant: string;
                                                    weight: number;
                                                }[];
                                            };
                                        };
                                        off_variant: string;
                                        on: boolean;
                                        prerequisites?: {
                                            flag: string;
                                            variant: string;
                                        }[];
                                        rules?: {
                                            clauses: {
                                                attribute: string;
                                                negate?: boolean;
                                                /** @enum {string} */
                                                operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                                values: (string | number | boolean)[];
                                            }[];
                                            description?: string;
                                            id?: string;
                                            serve: {
                                                variant: string;
                                            } | {
                                                rollout: {
                                                    bucket_by?: string;
                                                    variants: {
                                                        variant: string;
                                                        weight: number;
                                                    }[];
                                                };
                                            };
                                        }[];
                                        targets?: {
                                            attribute?: string;
                                            values: string[];
                                            variant: string;
                                        }[];
                                    };
                                };
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                /** @description Served in environments the flag does not configure */
                                off_variant: string;
                                /** @description Set by the server on create and kept; may be left out */
                                salt?: string;
                                tags?: string[];
                                /** @enum {string} */
                                type: "boolean" | "string" | "number" | "json";
                                /** @description Variant name → value (a JSON value of the flag’s type) */
                                variants: {
                                    [key: string]: unknown;
                                };
                            };
                            /** @description The instance’s flag-set version after a change */
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            /** @description The flag’s own version: 1, 2, 3, ... */
                            version: number;
                        };
                    };
                };
            };
        };
        /** Create a flag or replace its whole definition (every environment); a new version */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        environments: {
                            [key: string]: {
                                fallthrough: {
                                    variant: string;
                                } | {
                                    rollout: {
                                        bucket_by?: string;
                                        variants: {
                                            variant: string;
                                            weight: number;
                                        }[];
                                    };
                                };
                                off_variant: string;
                                on: boolean;
                                prerequisites?: {
                                    flag: string;
                                    variant: string;
                                }[];
                                rules?: {
                                    clauses: {
                                        attribute: string;
                                        negate?: boolean;
                                        /** @enum {string} */
                                        operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                        values: (string | number | boolean)[];
                                    }[];
                                    description?: string;
                                    id?: string;
                                    serve: {
                                        variant: string;
                                    } | {
                                        rollout: {
                                            bucket_by?: string;
                                            variants: {
                                                variant: string;
                                                weight: number;
                                            }[];
                                        };
                                    };
                                }[];
                                targets?: {
                                    attribute?: string;
                                    values: string[];
                                    variant: string;
                                }[];
                            };
                        };
                        /** @description The path’s key; may be left out */
                        key?: string;
                        name?: string;
                        /** @description Served in environments the flag does not configure */
                        off_variant: string;
                        /** @description Set by the server on create and kept; may be left out */
                        salt?: string;
                        tags?: string[];
                        /** @enum {string} */
                        type: "boolean" | "string" | "number" | "json";
                        /** @description Variant name → value (a JSON value of the flag’s type) */
                        variants: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived_at: string | null;
                            created_at: string;
                            definition: {
                                description?: string;
                                environments: {
                                    [key: string]: {
                                        fallthrough: {
                                            variant: string;
                                        } | {
                                            rollout: {
                                                bucket_by?: string;
                                                variants: {
                                                    variant: string;
                                                    weight: number;
                                                }[];
                                            };
                                        };
                                        off_variant: string;
                                        on: boolean;
                                        prerequisites?: {
                                            flag: string;
                                            variant: string;
                                        }[];
                                        rules?: {
                                            clauses: {
                                                attribute: string;
                                                negate?: boolean;
                                                /** @enum {string} */
                                                operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                                values: (string | number | boolean)[];
                                            }[];
                                            description?: string;
                                            id?: string;
                                            serve: {
                                                variant: string;
                                            } | {
                                                rollout: {
                                                    bucket_by?: string;
                                                    variants: {
                                                        variant: string;
                                                        weight: number;
                                                    }[];
                                                };
                                            };
                                        }[];
                                        targets?: {
                                            attribute?: string;
                                            values: string[];
                                            variant: string;
                                        }[];
                                    };
                                };
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                /** @description Served in environments the flag does not configure */
                                off_variant: string;
                                /** @description Set by the server on create and kept; may be left out */
                                salt?: string;
                                tags?: string[];
                                /** @enum {string} */
                                type: "boolean" | "string" | "number" | "json";
                                /** @description Variant name → value (a JSON value of the flag’s type) */
                                variants: {
                                    [key: string]: unknown;
                                };
                            };
                            /** @description The instance’s flag-set version after a change */
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            /** @description The flag’s own version: 1, 2, 3, ... */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived_at: string | null;
                            created_at: string;
                            definition: {
                                description?: string;
                                environments: {
                                    [key: string]: {
                                        fallthrough: {
                                            variant: string;
                                        } | {
                                            rollout: {
                                                bucket_by?: string;
                                                variants: {
                                                    variant: string;
                                                    weight: number;
                                                }[];
                                            };
                                        };
                                        off_variant: string;
                                        on: boolean;
                                        prerequisites?: {
                                            flag: string;
                                            variant: string;
                                        }[];
                                        rules?: {
                                            clauses: {
                                                attribute: string;
                                                negate?: boolean;
                                                /** @enum {string} */
                                                operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                                values: (string | number | boolean)[];
                                            }[];
                                            description?: string;
                                            id?: string;
                                            serve: {
                                                variant: string;
                                            } | {
                                                rollout: {
                                                    bucket_by?: string;
                                                    variants: {
                                                        variant: string;
                                                        weight: number;
                                                    }[];
                                                };
                                            };
                                        }[];
                                        targets?: {
                                            attribute?: string;
                                            values: string[];
                                            variant: string;
                                        }[];
                                    };
                                };
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                /** @description Served in environments the flag does not configure */
                                off_variant: string;
                                /** @description Set by the server on create and kept; may be left out */
                                salt?: string;
                                tags?: string[];
                                /** @enum {string} */
                                type: "boolean" | "string" | "number" | "json";
                                /** @description Variant name → value (a JSON value of the flag’s type) */
                                variants: {
                                    [key: string]: unknown;
                                };
                            };
                            /** @description The instance’s flag-set version after a change */
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            /** @description The flag’s own version: 1, 2, 3, ... */
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Archive a flag: it leaves every flag set; its versions stay (refused while a flag depends on it) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{key}/kill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a flag off in one environment at once (every process and SDK serves its off variant) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        environment: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived_at: string | null;
                            created_at: string;
                            definition: {
                                description?: string;
                                environments: {
                                    [key: string]: {
                                        fallthrough: {
                                            variant: string;
                                        } | {
                                            rollout: {
                                                bucket_by?: string;
                                                variants: {
                                                    variant: string;
                                                    weight: number;
                                                }[];
                                            };
                                        };
                                        off_variant: string;
                                        on: boolean;
                                        prerequisites?: {
                                            flag: string;
                                            variant: string;
                                        }[];
                                        rules?: {
                                            clauses: {
                                                attribute: string;
                                                negate?: boolean;
                                                /** @enum {string} */
                                                operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                                values: (string | number | boolean)[];
                                            }[];
                                            description?: string;
                                            id?: string;
                                            serve: {
                                                variant: string;
                                            } | {
                                                rollout: {
                                                    bucket_by?: string;
                                                    variants: {
                                                        variant: string;
                                                        weight: number;
                                                    }[];
                                                };
                                            };
                                        }[];
                                        targets?: {
                                            attribute?: string;
                                            values: string[];
                                            variant: string;
                                        }[];
                                    };
                                };
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                /** @description Served in environments the flag does not configure */
                                off_variant: string;
                                /** @description Set by the server on create and kept; may be left out */
                                salt?: string;
                                tags?: string[];
                                /** @enum {string} */
                                type: "boolean" | "string" | "number" | "json";
                                /** @description Variant name → value (a JSON value of the flag’s type) */
                                variants: {
                                    [key: string]: unknown;
                                };
                            };
                            /** @description The instance’s flag-set version after a change */
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            /** @description The flag’s own version: 1, 2, 3, ... */
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{key}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a version’s definition current again, as a new version (validated as a PUT) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            archived_at: string | null;
                            created_at: string;
                            definition: {
                                description?: string;
                                environments: {
                                    [key: string]: {
                                        fallthrough: {
                                            variant: string;
                                        } | {
                                            rollout: {
                                                bucket_by?: string;
                                                variants: {
                                                    variant: string;
                                                    weight: number;
                                                }[];
                                            };
                                        };
                                        off_variant: string;
                                        on: boolean;
                                        prerequisites?: {
                                            flag: string;
                                            variant: string;
                                        }[];
                                        rules?: {
                                            clauses: {
                                                attribute: string;
                                                negate?: boolean;
                                                /** @enum {string} */
                                                operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                                values: (string | number | boolean)[];
                                            }[];
                                            description?: string;
                                            id?: string;
                                            serve: {
                                                variant: string;
                                            } | {
                                                rollout: {
                                                    bucket_by?: string;
                                                    variants: {
                                                        variant: string;
                                                        weight: number;
                                                    }[];
                                                };
                                            };
                                        }[];
                                        targets?: {
                                            attribute?: string;
                                            values: string[];
                                            variant: string;
                                        }[];
                                    };
                                };
                                /** @description The path’s key; may be left out */
                                key?: string;
                                name?: string;
                                /** @description Served in environments the flag does not configure */
                                off_variant: string;
                                /** @description Set by the server on create and kept; may be left out */
                                salt?: string;
                                tags?: string[];
                                /** @enum {string} */
                                type: "boolean" | "string" | "number" | "json";
                                /** @description Variant name → value (a JSON value of the flag’s type) */
                                variants: {
                                    [key: string]: unknown;
                                };
                            };
                            /** @description The instance’s flag-set version after a change */
                            flag_set_version?: number;
                            key: string;
                            updated_at: string;
                            /** @description The flag’s own version: 1, 2, 3, ... */
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/{key}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A flag’s versions, newest first: the definition, who, when and what changed */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                actor: {
                                    id: string | null;
                                    type: string;
                                };
                                archived: boolean;
                                changes: string[];
                                created_at: string;
                                definition: {
                                    description?: string;
                                    environments: {
                                        [key: string]: {
                                            fallthrough: {
                                                variant: string;
                                            } | {
                                                rollout: {
                                                    bucket_by?: string;
                                                    variants: {
                                                        variant: string;
                                                        weight: number;
                                                    }[];
                                                };
                                            };
                                            off_variant: string;
                                            on: boolean;
                                            prerequisites?: {
                                                flag: string;
                                                variant: string;
                                            }[];
                                            rules?: {
                                                clauses: {
                                                    attribute: string;
                                                    negate?: boolean;
                                                    /** @enum {string} */
                                                    operator: "in" | "contains" | "starts_with" | "ends_with" | "matches" | "lt" | "lte" | "gt" | "gte" | "semver_eq" | "semver_lt" | "semver_gt" | "before" | "after" | "segment_match";
                                                    values: (string | number | boolean)[];
                                                }[];
                                                description?: string;
                                                id?: string;
                                                serve: {
                                                    variant: string;
                                                } | {
                                                    rollout: {
                                                        bucket_by?: string;
                                                        variants: {
                                                            variant: string;
                                                            weight: number;
                                                        }[];
                                                    };
                                                };
                                            }[];
                                            targets?: {
                                                attribute?: string;
                                                values: string[];
                                                variant: string;
                                            }[];
                                        };
                                    };
                                    /** @description The path’s key; may be left out */
                                    key?: string;
                                    name?: string;
                                    /** @description Served in environments the flag does not configure */
                                    off_variant: string;
                                    /** @description Set by the server on create and kept; may be left out */
                                    salt?: string;
                                    tags?: string[];
                                    /** @enum {string} */
                                    type: "boolean" | "string" | "number" | "json";
                                    /** @description Variant name → value (a JSON value of the flag’s type) */
                                    variants: {
                                        [key: string]: unknown;
                                    };
                                };
                                flag_set_version: number;
                                summary: string;
                                version: number;
                            }[];
                            /** @description Pass as cursor for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate the key’s environment’s flags (all, or those named) for a context */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description targetingKey and any attributes (organization, plan, country, version...)
                         * @default {}
                         */
                        context?: {
                            [key: string]: unknown;
                        };
                        /** @description The flags to evaluate; every flag of the environment when absent */
                        flags?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            environment: string;
                            flag_set_version: number;
                            flags: {
                                error_code?: string;
                                error_message?: string;
                                flag_metadata: {
                                    [key: string]: string | number | boolean;
                                };
                                key: string;
                                reason: string;
                                /** @description Absent on ERROR (there is no caller default here) */
                                value?: unknown;
                                variant?: string;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/stale": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Flags to clean up, per environment: not evaluated in `days` days, or fully rolled out */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                environment: string;
                                key: string;
                                last_evaluated_at: string | null;
                                /** @enum {string} */
                                reason: "not_evaluated" | "fully_rolled_out";
                                variant: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flags/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stream the environment’s flag set (Server-Sent Events); resume with Last-Event-ID (flags:evaluate) */
        get: {
            parameters: {
                query?: {
                    /** @description The environment, for a key not bound to one (operator keys, instance keys) */
                    environment?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation as the signed-in user (whose address must be the invited one) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The token of the emailed invitation link */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            org_id: string;
                            role: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What an invitation is for (organization, role, masked address, expiry), by its token */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The token of the emailed invitation link */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The invited address, masked (an***@example.com) */
                            email_hint: string;
                            expires_at: string;
                            organization: {
                                id: string;
                                logo_url: string | null;
                                name: string;
                                slug: string;
                            };
                            role: {
                                key: string;
                                name: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/sign-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept as a new user: an account for the invited address (verified), the membership, and a session
         * @description An address with an account answers invitation_account_exists: sign in, then POST /v1/invitations/accept. With x-keystone-token-delivery: cookie the refresh token is set as an HttpOnly cookie instead of returned.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        password: string;
                        /** @description The token of the emailed invitation link */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A JWT to send as Authorization: Bearer */
                            access_token: string;
                            /** @description Seconds until the access token expires */
                            expires_in: number;
                            membership: {
                                org_id: string;
                                role: string;
                            };
                            /** @description Opaque; exchange it once at /v1/auth/refresh. Absent with cookie delivery: it is in the cookie */
                            refresh_token?: string;
                            session_id: string;
                            /** @enum {string} */
                            status: "signed_in";
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                created_at: string;
                                email: string;
                                email_verified: boolean;
                                id: string;
                                mfa_enabled: boolean;
                                name: string | null;
                            };
                        } | {
                            expires_in: number;
                            membership: {
                                org_id: string;
                                role: string;
                            };
                            methods: ("totp" | "recovery_code")[];
                            /** @description Send it with a TOTP or recovery code to /v1/auth/mfa/verify */
                            mfa_token: string;
                            /** @enum {string} */
                            status: "mfa_required";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            email: string;
                            email_verified: boolean;
                            id: string;
                            mfa_enabled: boolean;
                            name: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Erase the signed-in user’s account (needs a sign-in from the last 5 minutes)
         * @description Refused with last_owner while the user is the last owner of an organization with other members; organizations where the user is the only member are erased with the account.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update the signed-in user’s profile */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            email: string;
                            email_verified: boolean;
                            id: string;
                            mfa_enabled: boolean;
                            name: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/me/active-organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make an organization the session’s active one: a new access token with org_id and org_role
         * @description The refresh token is unchanged (none is returned); refreshing keeps the active organization and resolves the role again. Routes act on the organization in their URL; the claim is only a default.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description An organization you belong to; null for none */
                        org_id: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A JWT to send as Authorization: Bearer */
                            access_token: string;
                            /** @description Seconds until the access token expires */
                            expires_in: number;
                            /** @description Opaque; exchange it once at /v1/auth/refresh. Absent with cookie delivery: it is in the cookie */
                            refresh_token?: string;
                            session_id: string;
                            /** @enum {string} */
                            status: "signed_in";
                            /** @enum {string} */
                            token_type: "Bearer";
                            user: {
                                created_at: string;
                                email: string;
                                email_verified: boolean;
                                id: string;
                                mfa_enabled: boolean;
                                name: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask to move the account to another address: a code and link go to it, a notice to the current one
         * @description The answer is the same when the new address already has an account (that address gets a notice, not a code). password is required when the account has one; an account without one needs a recent sign-in.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        new_email: string;
                        /** @description Required when the account has a password */
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description The same answer whether or not the address has an account */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/email/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the new address with the code (or link token) mailed to it; it is then verified */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code from the email */
                        code: string;
                    } | {
                        /** @description The token of the emailed link (its ?token= value): for apps that open the link themselves */
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created_at: string;
                            email: string;
                            email_verified: boolean;
                            id: string;
                            mfa_enabled: boolean;
                            name: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held about the signed-in user, as one JSON document */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Everything Keystone holds about a user or an organization (GDPR Art. 15 and 20) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exported_at: string;
                            id: string;
                            /** @enum {string} */
                            kind: "user" | "organization";
                            /** @description One section per module holding data about the subject, keyed by the module’s name */
                            sections: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user’s second factors */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            recovery_codes_remaining: number;
                            totp: {
                                confirmed_at: string | null;
                                enabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New recovery codes, the old ones void (a sign-in from the last 5 minutes, or a current code) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code the authenticator app shows now */
                        code?: string;
                        /** @description One of the recovery codes, e.g. 7k3qd-x9m2a */
                        recovery_code?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown this once: keep them somewhere safe, each works once */
                            recovery_codes: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start setting up an authenticator app: a new secret and its QR code (confirm next) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description otpauth://totp/… as the QR code carries it */
                            otpauth_uri: string;
                            /** @description The QR code as a PNG data: URL, for an <img> */
                            qr_data_url: string;
                            /** @description The QR code as SVG markup */
                            qr_svg: string;
                            /** @description The seed in base32, for typing into the app by hand */
                            secret: string;
                        };
                    };
                };
            };
        };
        /** Turn MFA off (needs a sign-in from the last 5 minutes and a current code) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code the authenticator app shows now */
                        code?: string;
                        /** @description One of the recovery codes, e.g. 7k3qd-x9m2a */
                        recovery_code?: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn MFA on with a code from the app; answers the recovery codes, once */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The 6-digit code the authenticator app shows now */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Shown this once: keep them somewhere safe, each works once */
                            recovery_codes: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organizations the signed-in user belongs to, with their role in each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                branding: {
                                    [key: string]: unknown;
                                };
                                created_at: string;
                                id: string;
                                joined_at: string;
                                logo_url: string | null;
                                name: string;
                                public_metadata: {
                                    [key: string]: unknown;
                                };
                                require_mfa: boolean;
                                /** @description Your role in this organization */
                                role: string;
                                settings: {
                                    [key: string]: unknown;
                                };
                                slug: string;
                                updated_at: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password (the current one is required); every other session of the user ends */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current_password: string;
                        new_password: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user’s live sessions, most recently active first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                active_org_id: string | null;
                                auth_methods: string[];
                                created_at: string;
                                current: boolean;
                                expires_at: string;
                                id: string;
                                ip: string | null;
                                last_active_at: string;
                                user_agent: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Sign out everywhere: end every session of the signed-in user, this one included */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of the signed-in user’s sessions */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an organization; the signed-in user becomes its owner */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        branding?: {
                            background_color?: string;
                            /** @description A font family name, e.g. "Inter" */
                            font?: string;
                            primary_color?: string;
                            secondary_color?: string;
                        };
                        /** @description A URL of the organization’s logo */
                        logo_url?: string | null;
                        name: string;
                        /** @description Readable only with org:settings:edit */
                        private_metadata?: {
                            [key: string]: unknown;
                        };
                        /** @description Readable by every member */
                        public_metadata?: {
                            [key: string]: unknown;
                        };
                        /** @description Members must sign in with a second factor to reach the organization */
                        require_mfa?: boolean;
                        /** @description Settings for your application to read */
                        settings?: {
                            [key: string]: unknown;
                        };
                        /** @description Generated from the name when omitted */
                        slug?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            branding: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            id: string;
                            logo_url: string | null;
                            name: string;
                            /** @description Present only for callers with org:settings:edit */
                            private_metadata?: {
                                [key: string]: unknown;
                            };
                            public_metadata: {
                                [key: string]: unknown;
                            };
                            require_mfa: boolean;
                            /** @description The caller’s role here (null for operators and API keys) */
                            role: string | null;
                            settings: {
                                [key: string]: unknown;
                            };
                            slug: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An organization (needs org:read; private_metadata needs org:settings:edit) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            branding: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            id: string;
                            logo_url: string | null;
                            name: string;
                            /** @description Present only for callers with org:settings:edit */
                            private_metadata?: {
                                [key: string]: unknown;
                            };
                            public_metadata: {
                                [key: string]: unknown;
                            };
                            require_mfa: boolean;
                            /** @description The caller’s role here (null for operators and API keys) */
                            role: string | null;
                            settings: {
                                [key: string]: unknown;
                            };
                            slug: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an organization and everything it owns (needs org:delete: owners) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change an organization’s name, slug, branding, settings, metadata or MFA requirement
         * @description Needs org:settings:edit. Objects (branding, settings, metadata) are replaced whole.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        branding?: {
                            background_color?: string;
                            /** @description A font family name, e.g. "Inter" */
                            font?: string;
                            primary_color?: string;
                            secondary_color?: string;
                        };
                        /** @description A URL of the organization’s logo */
                        logo_url?: string | null;
                        name?: string;
                        /** @description Readable only with org:settings:edit */
                        private_metadata?: {
                            [key: string]: unknown;
                        };
                        /** @description Readable by every member */
                        public_metadata?: {
                            [key: string]: unknown;
                        };
                        /** @description Members must sign in with a second factor to reach the organization */
                        require_mfa?: boolean;
                        /** @description Settings for your application to read */
                        settings?: {
                            [key: string]: unknown;
                        };
                        /** @description URL-safe and unique: lowercase a-z, 0-9 and dashes, 3-48 characters */
                        slug?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            branding: {
                                [key: string]: unknown;
                            };
                            created_at: string;
                            id: string;
                            logo_url: string | null;
                            name: string;
                            /** @description Present only for callers with org:settings:edit */
                            private_metadata?: {
                                [key: string]: unknown;
                            };
                            public_metadata: {
                                [key: string]: unknown;
                            };
                            require_mfa: boolean;
                            /** @description The caller’s role here (null for operators and API keys) */
                            role: string | null;
                            settings: {
                                [key: string]: unknown;
                            };
                            slug: string;
                            updated_at: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/organizations/{orgId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organization’s API keys that are not revoked (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                allowed_origins: string[];
                                created_at: string;
                                created_by: string | null;
                                /** @description The first characters of the key, to tell keys apart */
                                display_prefix: string;
                                /** @enum {string} */
                                environment: "live" | "test";
                                expires_at: string | null;
                                /** @description The flag environment the key evaluates flags in */
                                flags_environment: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "secret" | "publishable";
                                /** @description Precise to a few seconds (uses are recorded in batches) */
                                last_used_at: string | null;
                                name: string;
                                /** @description The organization, or `instance` for an instance key */
                                org_id: string;
                                rate_limit_per_minute: number | null;
                                scopes: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API key of the organization; the response holds the key, shown this once */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Publishable keys: the browser origins that may use the key */
                        allowed_origins?: string[];
                        /**
                         * @default live
                         * @enum {string}
                         */
                        environment?: "live" | "test";
                        /**
                         * Format: date-time
                         * @description When the key stops working; never if absent
                         */
                        expires_at?: string;
                        /** @description Instance keys with `flags:evaluate`: the flag environment they evaluate in (required for publishable keys) */
                        flags_environment?: string;
                        /**
                         * @description `sk_` (backends) or `pk_` (browsers)
                         * @default secret
                         * @enum {string}
                         */
                        kind?: "secret" | "publishable";
                        name: string;
                        /** @description This key’s own limit, instead of the per-credential default */
                        rate_limit_per_minute?: number;
                        /**
                         * @description `admin` only for instance keys; publishable keys may hold only `flags:evaluate`
                         * @default []
                         */
                        scopes?: ("orgs:read" | "orgs:write" | "fga:check" | "fga:write" | "flags:evaluate" | "events:write" | "admin")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_origins: string[];
                            created_at: string;
                            created_by: string | null;
                            /** @description The first characters of the key, to tell keys apart */
                            display_prefix: string;
                            /** @enum {string} */
                            environment: "live" | "test";
                            expires_at: string | null;
                            /** @description The flag environment the key evaluates flags in */
                            flags_environment: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "secret" | "publishable";
                            /** @description Precise to a few seconds (uses are recorded in batches) */
                            last_used_at: string | null;
                            name: string;
                            /** @description The organization, or `instance` for an instance key */
                            org_id: string;
                            rate_limit_per_minute: number | null;
                            scopes: string[];
                            /** @description The key itself. Shown this once: Keystone keeps only its hash */
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key of the organization; it stops working on every server at once */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    keyId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/api-keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace an API key of the organization with a new one of the same settings, shown this once */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    keyId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Keep the old key working this long (at most 7 days); 0 (the default) revokes it now */
                        expire_old_in_seconds?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            allowed_origins: string[];
                            created_at: string;
                            created_by: string | null;
                            /** @description The first characters of the key, to tell keys apart */
                            display_prefix: string;
                            /** @enum {string} */
                            environment: "live" | "test";
                            expires_at: string | null;
                            /** @description The flag environment the key evaluates flags in */
                            flags_environment: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "secret" | "publishable";
                            /** @description Precise to a few seconds (uses are recorded in batches) */
                            last_used_at: string | null;
                            name: string;
                            /** @description The organization, or `instance` for an instance key */
                            org_id: string;
                            rate_limit_per_minute: number | null;
                            scopes: string[];
                            /** @description The key itself. Shown this once: Keystone keeps only its hash */
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit entries, newest first (order=asc: chain order), filtered by actor, action and time (audit:view) */
        get: {
            parameters: {
                query?: {
                    /** @description An exact action (`member.removed`), or a family when it ends with a dot (`member.`) */
                    action?: string;
                    /** @description Only entries by this actor (a user, key or operator id) */
                    actor_id?: string;
                    /** @description Only entries by this kind of actor */
                    actor_type?: "user" | "api_key" | "system" | "operator";
                    /** @description next_cursor of the previous page (same order) */
                    cursor?: string;
                    limit?: number;
                    /** @description `desc`: newest first (default); `asc`: chain order, for catching up from a cursor */
                    order?: "desc" | "asc";
                    /** @description RFC 3339 (e.g. 2026-01-31T09:00:00Z): entries that occurred at or after this time */
                    since?: string;
                    /** @description RFC 3339 (e.g. 2026-01-31T09:00:00Z): entries that occurred before this time */
                    until?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                action: string;
                                actor_id: string | null;
                                /** @enum {string} */
                                actor_type: "user" | "api_key" | "system" | "operator";
                                /** @description SHA-256 (hex) of the RFC 8785 canonical JSON of every other field */
                                hash: string;
                                id: string;
                                ip: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                };
                                /** @description ISO 8601, UTC, milliseconds */
                                occurred_at: string;
                                org_id: string;
                                /** @description The previous entry’s hash (64 zeros for seq 1) */
                                prev_hash: string;
                                seq: number;
                                target_id: string | null;
                                target_type: string | null;
                                trace_id: string | null;
                                user_agent: string | null;
                            }[];
                            /** @description Pass as cursor for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/audit-log/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export audit entries as NDJSON (application/x-ndjson) in chain order, streamed (audit:view) */
        get: {
            parameters: {
                query?: {
                    /** @description An exact action (`member.removed`), or a family when it ends with a dot (`member.`) */
                    action?: string;
                    /** @description Only entries by this actor (a user, key or operator id) */
                    actor_id?: string;
                    /** @description Only entries by this kind of actor */
                    actor_type?: "user" | "api_key" | "system" | "operator";
                    /** @description Only entries after this seq (resume an export from the last line you have) */
                    after_seq?: number;
                    /** @description RFC 3339 (e.g. 2026-01-31T09:00:00Z): entries that occurred at or after this time */
                    since?: string;
                    /** @description RFC 3339 (e.g. 2026-01-31T09:00:00Z): entries that occurred before this time */
                    until?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/audit-log/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the hash chain and report the first broken link (audit:view) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries_verified: number;
                            first_break: {
                                detail: string;
                                entry_id: string | null;
                                /** @enum {string} */
                                reason: "org_mismatch" | "sequence_gap" | "prev_hash_mismatch" | "hash_mismatch" | "missing_tail" | "untracked_entry" | "head_mismatch" | "missing_head";
                                seq: number;
                            } | null;
                            head: {
                                hash: string;
                                seq: number;
                            } | null;
                            ok: boolean;
                            org_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held about an organization, as one JSON document (needs org:delete: owners) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Everything Keystone holds about a user or an organization (GDPR Art. 15 and 20) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exported_at: string;
                            id: string;
                            /** @enum {string} */
                            kind: "user" | "organization";
                            /** @description One section per module holding data about the subject, keyed by the module’s name */
                            sections: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations, newest first, a page at a time; pending ones unless status says (members:invite) */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                    limit?: number;
                    /** @description pending (default), accepted, revoked, expired, or all */
                    status?: "pending" | "accepted" | "revoked" | "expired" | "all";
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                accepted_at: string | null;
                                accepted_by: string | null;
                                created_at: string;
                                email: string;
                                expires_at: string;
                                id: string;
                                /** @description The id of the user, key or operator who invited */
                                invited_by: string | null;
                                org_id: string;
                                revoked_at: string | null;
                                role: string;
                                /** @enum {string} */
                                status: "pending" | "accepted" | "revoked" | "expired";
                            }[];
                            /** @description Pass as cursor for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Invite an address with a role (members:invite; mailed; re-inviting an address replaces its open invitation) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        /** @description Seconds until the link expires: 3600 to 2592000, default 7 days */
                        expires_in_seconds?: number;
                        role: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted_at: string | null;
                            accepted_by: string | null;
                            created_at: string;
                            email: string;
                            expires_at: string;
                            id: string;
                            /** @description The id of the user, key or operator who invited */
                            invited_by: string | null;
                            org_id: string;
                            revoked_at: string | null;
                            role: string;
                            /** @enum {string} */
                            status: "pending" | "accepted" | "revoked" | "expired";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an invitation: its link stops working (members:invite) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    invitationId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/invitations/{invitationId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail an open invitation again with a new link and expiry; the old link dies (members:invite) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    invitationId: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Seconds until the link expires: 3600 to 2592000, default 7 days */
                        expires_in_seconds?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted_at: string | null;
                            accepted_by: string | null;
                            created_at: string;
                            email: string;
                            expires_at: string;
                            id: string;
                            /** @description The id of the user, key or operator who invited */
                            invited_by: string | null;
                            org_id: string;
                            revoked_at: string | null;
                            role: string;
                            /** @enum {string} */
                            status: "pending" | "accepted" | "revoked" | "expired";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members in join order, a page at a time; q searches email and name (members:view) */
        get: {
            parameters: {
                query?: {
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                    limit?: number;
                    /** @description Matches email or name, case-insensitive */
                    q?: string;
                };
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                email: string;
                                joined_at: string;
                                name: string | null;
                                role: string;
                                user_id: string;
                            }[];
                            /** @description Pass as cursor for the next page; null on the last */
                            next_cursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add an existing user with a role (operators; members usually join by invitation) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: string;
                        user_id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            joined_at: string;
                            name: string | null;
                            role: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (members:remove; owners only for an owner; never the last owner) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a member’s role (roles:manage; owners only for the owner role; never the last owner) */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            joined_at: string;
                            name: string | null;
                            role: string;
                            user_id: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/organizations/{orgId}/members/me/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Leave the organization (not as its last owner) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members/me/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your role and permissions here (open even when the org’s MFA requirement holds you back) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            permissions: string[];
                            /** @description Your role (null for operators and API keys) */
                            role: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in and custom roles with their permissions (org:read) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                built_in: boolean;
                                description: string | null;
                                key: string;
                                name: string;
                                permissions: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a custom role from known permissions you hold yourself (roles:manage) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        key: string;
                        name: string;
                        permissions: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            built_in: boolean;
                            description: string | null;
                            key: string;
                            name: string;
                            permissions: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/roles/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a custom role no member has (roles:manage) */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a custom role (roles:manage); members with it get the new permissions at once */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    key: string;
                    orgId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        name?: string;
                        permissions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            built_in: boolean;
                            description: string | null;
                            key: string;
                            name: string;
                            permissions: string[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Erase a user (operators); the same rules as DELETE /v1/me, without the fresh sign-in */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Makes the request safe to retry: the first response is stored for 24 h per credential and key and replayed byte-for-byte with `Idempotent-Replayed: true`. 1-255 printable ASCII characters, bare or as a quoted string. The same key with a different request is 422 `idempotency_key_reused`; while the first request runs, 409 `idempotency_in_progress`. */
                    "idempotency-key"?: string;
                };
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held about a user, as one JSON document (operators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Everything Keystone holds about a user or an organization (GDPR Art. 15 and 20) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exported_at: string;
                            id: string;
                            /** @enum {string} */
                            kind: "user" | "organization";
                            /** @description One section per module holding data about the subject, keyed by the module’s name */
                            sections: {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
