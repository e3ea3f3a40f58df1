/// The OpenAPI 3.1 description of `/api/v1/`, served at `/api/v1/openapi.json`. Each operation gives an
/// `x-example` path (with parameters filled in) that the tests call, so every documented route is exercised.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Pacta API",
            "version": "1.0.0",
            "summary": "Treaty status, timelines, scenarios and search, computed by Pacta's engines.",
            "description": "Who is bound by what, on any date, and why. Dates are ISO 8601 calendar dates (YYYY-MM-DD). Errors are application/problem+json (RFC 9457). Status and scenario documents follow the Pacta treaty-format spec. Reads are open; the two write operations (POST) need a bearer token issued with 'pacta user add NAME --role clerk|admin' and append to the treaty files, which stay the source of truth."
          },
          "servers": [
            {
              "url": "/api/v1"
            }
          ],
          "paths": {
            "/treaties": {
              "get": {
                "operationId": "listTreaties",
                "summary": "Every treaty of the corpus with its status on a date.",
                "x-example": "/treaties?on=2024-12-04",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/on"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Treaties",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/TreatySummary"
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              },
              "post": {
                "operationId": "createTreaty",
                "summary": "Start a treaty file (admin), as 'pacta new' does.",
                "description": "Writes ID.yaml with the identity, the negotiating States and the entry-into-force rule; the file passes 'pacta check'. Logged with the user's name.",
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "x-example-body": {
                  "id": "fr-de-2026-example",
                  "kind": "bilateral",
                  "title": "Example treaty",
                  "parties": [
                    "FRA",
                    "DEU"
                  ],
                  "adopted": "2026-01-05",
                  "delay": "30d"
                },
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/NewTreaty"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "Created; Location names the treaty.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/CreatedTreaty"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "409": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "413": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "422": {
                    "$ref": "#/components/responses/Refused"
                  },
                  "503": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/treaties/{id}": {
              "get": {
                "operationId": "getTreaty",
                "summary": "A treaty's metadata, provisions and articles.",
                "x-example": "/treaties/ru-kp-2024-partnership",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/id"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The treaty",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Treaty"
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/treaties/{id}/status": {
              "get": {
                "operationId": "getStatus",
                "summary": "The status of the treaty and of each State on a date, with the derivation.",
                "x-example": "/treaties/ru-kp-2024-partnership/status?on=2024-12-05&party=RUS",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/id"
                  },
                  {
                    "$ref": "#/components/parameters/on"
                  },
                  {
                    "name": "party",
                    "in": "query",
                    "required": false,
                    "description": "Only this State (ISO 3166-1 alpha-3) or organisation (org:slug).",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "as-known-on",
                    "in": "query",
                    "required": false,
                    "description": "Count only the events recorded on or before this date (their recorded date, else their date).",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Status",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Status"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "404": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/treaties/{id}/timeline": {
              "get": {
                "operationId": "getTimeline",
                "summary": "Recorded events and computed dates, in date order.",
                "x-example": "/treaties/su-kp-1961-friendship/timeline?through=1997-01-01",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/id"
                  },
                  {
                    "name": "through",
                    "in": "query",
                    "required": false,
                    "description": "List computed renewals up to this date (default today).",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Timeline",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Timeline"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "404": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/states/{code}": {
              "get": {
                "operationId": "getState",
                "summary": "Every treaty of a State with its status, and its allies, on a date.",
                "x-example": "/states/PRK?on=2025-01-01",
                "parameters": [
                  {
                    "name": "code",
                    "in": "path",
                    "required": true,
                    "description": "ISO 3166-1 alpha-3 code.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "$ref": "#/components/parameters/on"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The State",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/State"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "404": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/search": {
              "get": {
                "operationId": "search",
                "summary": "Full-text search in any language and script (Traditional and Simplified Chinese alike).",
                "x-example": "/search?q=%E6%A2%9D%E7%B4%84",
                "parameters": [
                  {
                    "name": "q",
                    "in": "query",
                    "required": true,
                    "description": "Words to search for.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "lang",
                    "in": "query",
                    "required": false,
                    "description": "Only texts in this language (BCP 47; zh matches zh-Hans and zh-Hant).",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 200,
                      "default": 20
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Results, best first",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/SearchResults"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/upcoming": {
              "get": {
                "operationId": "upcoming",
                "summary": "Computed dates to come across the corpus: the depositary's calendar.",
                "x-example": "/upcoming?from=1996-01-01&days=365",
                "parameters": [
                  {
                    "name": "from",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  },
                  {
                    "name": "days",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "integer",
                      "minimum": 0,
                      "maximum": 36600,
                      "default": 365
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Dates",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/Upcoming"
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/scenario": {
              "get": {
                "operationId": "scenario",
                "summary": "The duties an armed attack (or threat) on a State triggers on a date.",
                "x-example": "/scenario?attack=PRK&by=USA&on=2025-03-01",
                "parameters": [
                  {
                    "name": "attack",
                    "in": "query",
                    "required": true,
                    "description": "The State attacked.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "by",
                    "in": "query",
                    "required": true,
                    "description": "The attacking State.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "$ref": "#/components/parameters/on"
                  },
                  {
                    "name": "where",
                    "in": "query",
                    "required": false,
                    "description": "The place: a State code or ISO 3166-2 subdivision (US-HI).",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "threat",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "boolean"
                    }
                  },
                  {
                    "name": "chain",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "boolean"
                    }
                  },
                  {
                    "name": "entry-is-attack",
                    "in": "query",
                    "required": false,
                    "schema": {
                      "type": "boolean"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Duties",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Scenario"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "x-example": "/openapi.json",
                "responses": {
                  "200": {
                    "description": "OpenAPI 3.1 document",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/treaties/{id}/events": {
              "post": {
                "operationId": "recordEvent",
                "summary": "Record one act (clerk): append one event to the treaty's file, checked against the treaty as it stands.",
                "description": "The body is one event with the spec's keys (type, date and the type's own fields; source, note; id is made up where absent). The server adds recorded (today) and recorded-by (the user). The file changes by one appended line (and a source, where source-title is given); the write is atomic and flushed to disk, serialised with every other writer of the treaty (other requests and 'pacta record'), and the index holds the file as written before the answer. 422 gives each reason with the section of docs/treaty-format.md; 409 where the same act is recorded already, or where If-Match names an older version and the act was made wrong by one recorded since.",
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "parameters": [
                  {
                    "$ref": "#/components/parameters/id"
                  },
                  {
                    "name": "If-Match",
                    "in": "header",
                    "required": false,
                    "description": "The version (ETag) of the treaty file the client saw, as the previous write answered it.",
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "x-example-body": {
                  "type": "consent",
                  "form": "ratification",
                  "party": "THA",
                  "date": "2026-04-02"
                },
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/EventRecord"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "Recorded; ETag is the file's new version, Location the treaty's status.",
                    "headers": {
                      "ETag": {
                        "schema": {
                          "type": "string"
                        }
                      },
                      "Location": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Recording"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "409": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "413": {
                    "$ref": "#/components/responses/Problem"
                  },
                  "422": {
                    "$ref": "#/components/responses/Refused"
                  },
                  "503": {
                    "$ref": "#/components/responses/Problem"
                  }
                }
              }
            }
          },
          "components": {
            "parameters": {
              "id": {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "Treaty id, e.g. ru-kp-2024-partnership.",
                "schema": {
                  "type": "string",
                  "pattern": "^[a-z0-9-]+$"
                }
              },
              "on": {
                "name": "on",
                "in": "query",
                "required": false,
                "description": "The date (default: today).",
                "schema": {
                  "type": "string",
                  "format": "date"
                }
              }
            },
            "responses": {
              "Problem": {
                "description": "An error (RFC 9457)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "Unauthorized": {
                "description": "No token, or a token that is not valid or was revoked (WWW-Authenticate: Bearer).",
                "headers": {
                  "WWW-Authenticate": {
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "Refused": {
                "description": "The act cannot be right against the treaty as it stands: each reason, with its section of the format reference. The file is unchanged.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            },
            "schemas": {
              "Problem": {
                "type": "object",
                "required": [
                  "type",
                  "title",
                  "status",
                  "detail"
                ],
                "properties": {
                  "type": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "status": {
                    "type": "integer"
                  },
                  "detail": {
                    "type": "string"
                  },
                  "instance": {
                    "type": "string"
                  },
                  "errors": {
                    "type": "array",
                    "description": "For a refused write: each reason and the section of docs/treaty-format.md that applies.",
                    "items": {
                      "type": "object",
                      "required": [
                        "message",
                        "section"
                      ],
                      "properties": {
                        "message": {
                          "type": "string"
                        },
                        "section": {
                          "type": "string"
                        }
                      }
                    }
                  }
                }
              },
              "TreatySummary": {
                "type": "object",
                "required": [
                  "id",
                  "title",
                  "kind",
                  "status",
                  "entry-into-force",
                  "parties",
                  "record"
                ],
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "short-title": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "kind": {
                    "enum": [
                      "bilateral",
                      "multilateral"
                    ]
                  },
                  "status": {
                    "enum": [
                      "not-adopted",
                      "not-in-force",
                      "in-force",
                      "terminated"
                    ]
                  },
                  "entry-into-force": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date"
                  },
                  "termination": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date"
                  },
                  "parties": {
                    "type": "integer"
                  }
                }
              },
              "Treaty": {
                "type": "object",
                "required": [
                  "id",
                  "titles",
                  "kind",
                  "adopted",
                  "negotiating-states",
                  "provisions",
                  "articles"
                ],
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "titles": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "string"
                    }
                  },
                  "kind": {
                    "enum": [
                      "bilateral",
                      "multilateral"
                    ]
                  },
                  "adopted": {
                    "type": "object"
                  },
                  "negotiating-states": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "provisions": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "articles": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  }
                }
              },
              "StateRow": {
                "type": "object",
                "required": [
                  "code",
                  "status",
                  "entry-into-force",
                  "signature",
                  "consent",
                  "withdrawal",
                  "explanation"
                ],
                "properties": {
                  "code": {
                    "type": "string"
                  },
                  "name": {
                    "type": "string"
                  },
                  "status": {
                    "enum": [
                      "none",
                      "signatory",
                      "contracting-state",
                      "party",
                      "withdrawn"
                    ]
                  },
                  "entry-into-force": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date"
                  },
                  "signature": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date"
                  },
                  "consent": {
                    "type": [
                      "object",
                      "null"
                    ],
                    "properties": {
                      "form": {
                        "type": "string"
                      },
                      "date": {
                        "type": "string",
                        "format": "date"
                      }
                    }
                  },
                  "withdrawal": {
                    "type": [
                      "object",
                      "null"
                    ],
                    "properties": {
                      "notified": {
                        "type": "string"
                      },
                      "effective": {
                        "type": [
                          "string",
                          "null"
                        ]
                      }
                    }
                  },
                  "explanation": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              },
              "Status": {
                "type": "object",
                "required": [
                  "treaty",
                  "on",
                  "status",
                  "entry-into-force",
                  "explanation",
                  "states"
                ],
                "properties": {
                  "treaty": {
                    "type": "string"
                  },
                  "on": {
                    "type": "string",
                    "format": "date"
                  },
                  "status": {
                    "enum": [
                      "not-adopted",
                      "not-in-force",
                      "in-force",
                      "terminated"
                    ]
                  },
                  "entry-into-force": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date"
                  },
                  "explanation": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "states": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/StateRow"
                    }
                  },
                  "partial-entry-into-force": {
                    "description": "Only for a treaty whose rules give some articles their own entry into force.",
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "articles",
                        "entry-into-force",
                        "status"
                      ],
                      "properties": {
                        "articles": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        },
                        "conditions-met": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "format": "date"
                        },
                        "entry-into-force": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "format": "date"
                        },
                        "status": {
                          "enum": [
                            "in-force",
                            "not-in-force"
                          ]
                        },
                        "explanation": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "Timeline": {
                "type": "object",
                "required": [
                  "treaty",
                  "entries"
                ],
                "properties": {
                  "treaty": {
                    "type": "string"
                  },
                  "note": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "entries": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/TimelineEntry"
                    }
                  }
                }
              },
              "TimelineEntry": {
                "type": "object",
                "required": [
                  "date",
                  "origin",
                  "type",
                  "summary"
                ],
                "properties": {
                  "date": {
                    "type": "string",
                    "format": "date"
                  },
                  "origin": {
                    "enum": [
                      "recorded",
                      "computed"
                    ]
                  },
                  "type": {
                    "type": "string"
                  },
                  "summary": {
                    "type": "string"
                  }
                }
              },
              "State": {
                "type": "object",
                "required": [
                  "code",
                  "name",
                  "on",
                  "treaties",
                  "allies"
                ],
                "properties": {
                  "code": {
                    "type": "string"
                  },
                  "name": {
                    "type": "string"
                  },
                  "on": {
                    "type": "string"
                  },
                  "treaties": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "allies": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "caveats": {
                    "type": "array",
                    "description": "One sentence per treaty whose incomplete record weakens the answer, and one where the date lies after the corpus's record.",
                    "items": {
                      "type": "string"
                    }
                  },
                  "coverage": {
                    "$ref": "#/components/schemas/Coverage"
                  }
                }
              },
              "Coverage": {
                "type": "object",
                "description": "What an answer rests on: the treaties with alliance pledges that bear on the States asked about, those with an incomplete record, and whether the question lies in the corpus's declared scope (corpus.yaml; null where it declares none).",
                "required": [
                  "states",
                  "on",
                  "treaties-bearing",
                  "partial-records",
                  "in-scope",
                  "scope-claims",
                  "summary"
                ],
                "properties": {
                  "states": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "on": {
                    "type": "string",
                    "format": "date"
                  },
                  "treaties-bearing": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "partial-records": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "in-scope": {
                    "type": [
                      "boolean",
                      "null"
                    ]
                  },
                  "scope-claims": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "summary": {
                    "type": "string"
                  }
                }
              },
              "SearchResults": {
                "type": "object",
                "required": [
                  "query",
                  "results"
                ],
                "properties": {
                  "query": {
                    "type": "string"
                  },
                  "language": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "results": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "treaty",
                        "field",
                        "language",
                        "snippet",
                        "highlights"
                      ],
                      "properties": {
                        "treaty": {
                          "type": "string"
                        },
                        "article": {
                          "type": [
                            "string",
                            "null"
                          ]
                        },
                        "field": {
                          "type": "string"
                        },
                        "language": {
                          "type": "string"
                        },
                        "snippet": {
                          "type": "string"
                        },
                        "highlights": {
                          "type": "array",
                          "items": {
                            "type": "array",
                            "items": {
                              "type": "integer"
                            }
                          }
                        },
                        "score": {
                          "type": "number"
                        }
                      }
                    }
                  }
                }
              },
              "Upcoming": {
                "type": "object",
                "required": [
                  "treaty",
                  "entry"
                ],
                "properties": {
                  "treaty": {
                    "type": "string"
                  },
                  "entry": {
                    "$ref": "#/components/schemas/TimelineEntry"
                  },
                  "explanation": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              },
              "Scenario": {
                "type": "object",
                "required": [
                  "on",
                  "events",
                  "duties",
                  "not-triggered",
                  "claims"
                ],
                "properties": {
                  "on": {
                    "type": "string",
                    "format": "date"
                  },
                  "events": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "duties": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "bearer",
                        "beneficiary",
                        "treaty",
                        "article",
                        "category",
                        "round",
                        "chain"
                      ],
                      "properties": {
                        "bearer": {
                          "type": "string"
                        },
                        "beneficiary": {
                          "type": "string"
                        },
                        "treaty": {
                          "type": "string"
                        },
                        "article": {
                          "type": "string"
                        },
                        "category": {
                          "type": "string"
                        },
                        "round": {
                          "type": "integer"
                        },
                        "chain": {
                          "type": "array"
                        }
                      }
                    }
                  },
                  "not-triggered": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "claims": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  },
                  "caveats": {
                    "type": "array",
                    "description": "One sentence per treaty whose incomplete record weakens the answer, and one where the date lies after the corpus's record.",
                    "items": {
                      "type": "string"
                    }
                  },
                  "coverage": {
                    "$ref": "#/components/schemas/Coverage"
                  }
                }
              },
              "NewTreaty": {
                "type": "object",
                "required": [
                  "id",
                  "kind",
                  "title",
                  "parties"
                ],
                "additionalProperties": false,
                "properties": {
                  "id": {
                    "type": "string",
                    "pattern": "^[a-z0-9-]+$"
                  },
                  "kind": {
                    "type": "string",
                    "enum": [
                      "bilateral",
                      "multilateral"
                    ]
                  },
                  "title": {
                    "type": "string"
                  },
                  "parties": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    },
                    "description": "The negotiating States, as party codes."
                  },
                  "adopted": {
                    "type": "string",
                    "format": "date",
                    "description": "Default: today."
                  },
                  "place": {
                    "type": "string"
                  },
                  "entry-into-force": {
                    "type": "string",
                    "description": "exchange, last-notification or consents:N."
                  },
                  "delay": {
                    "type": "string",
                    "description": "30d, 3m or 1y."
                  }
                }
              },
              "CreatedTreaty": {
                "type": "object",
                "required": [
                  "id",
                  "file",
                  "version"
                ],
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "file": {
                    "type": "string"
                  },
                  "version": {
                    "type": "string"
                  }
                }
              },
              "EventRecord": {
                "type": "object",
                "required": [
                  "type"
                ],
                "description": "One event, with the spec's keys; the reader refuses a key the type does not take. date is required except for a correction (default: today). recorded and recorded-by are set by the server and refused in the body.",
                "properties": {
                  "type": {
                    "type": "string",
                    "enum": [
                      "signature",
                      "domestic-step",
                      "consent",
                      "exchange-of-instruments",
                      "notification",
                      "provisional-application",
                      "reservation",
                      "declaration",
                      "objection",
                      "withdrawal-of-reservation",
                      "denunciation",
                      "revocation",
                      "suspension",
                      "resumption",
                      "state-succession",
                      "termination",
                      "invocation",
                      "correction"
                    ]
                  },
                  "id": {
                    "type": "string"
                  },
                  "date": {
                    "type": "string",
                    "description": "YYYY-MM-DD, or YYYY-MM / YYYY where the record is only that precise."
                  },
                  "party": {
                    "type": "string"
                  },
                  "parties": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "form": {
                    "type": "string"
                  },
                  "source": {
                    "type": "string"
                  },
                  "source-title": {
                    "type": "string",
                    "description": "Adds source to the file's sources with this title."
                  },
                  "source-url": {
                    "type": "string"
                  },
                  "note": {
                    "type": "string"
                  },
                  "replace": {
                    "type": "object",
                    "description": "correction: the corrected fields."
                  }
                },
                "additionalProperties": true
              },
              "Recording": {
                "type": "object",
                "required": [
                  "event",
                  "file",
                  "version",
                  "on",
                  "changes",
                  "status-after"
                ],
                "properties": {
                  "event": {
                    "type": "object",
                    "description": "The event as written, with recorded and recorded-by."
                  },
                  "file": {
                    "type": "string"
                  },
                  "version": {
                    "type": "string"
                  },
                  "on": {
                    "type": "string",
                    "format": "date",
                    "description": "The date of the statuses: today, or the act's date where later."
                  },
                  "changes": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    },
                    "description": "What changed, a sentence each: statuses and computed dates."
                  },
                  "status-after": {
                    "type": "object",
                    "description": "The treaty's status after the act, with the rows of the States the event names (all rows at GET /treaties/{id}/status)."
                  }
                }
              }
            },
            "securitySchemes": {
              "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "A token from 'pacta user add NAME --role clerk|admin', shown once; the server keeps its SHA-256 only. A clerk records acts; an admin also creates treaties."
              }
            }
          }
        }
        """#
}
