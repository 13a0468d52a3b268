// Generated from src/config/schema.ts by src/config/generate-validator.ts: do not edit.
// biome-ignore-all lint: generated code
'use strict';
export const validate = validate10;
export default validate10;
const schema11 = {
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    python: { type: 'string', pattern: '\\S' },
    watch: {
      anyOf: [
        { type: 'string', pattern: '\\S' },
        { type: 'array', items: { type: 'string', pattern: '\\S' } },
      ],
    },
    window: {
      anyOf: [
        { type: 'number', minimum: 0 },
        { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
      ],
    },
    settle: {
      anyOf: [
        { type: 'number', minimum: 0 },
        { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
      ],
    },
    maxWait: {
      anyOf: [
        { type: 'number', minimum: 0 },
        { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
      ],
    },
    staleAfter: {
      anyOf: [
        { type: 'number', minimum: 0 },
        { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
      ],
    },
    killAfter: {
      anyOf: [
        { type: 'number', minimum: 0 },
        { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
      ],
    },
    retries: { type: 'integer', minimum: 0 },
    onRetry: { type: 'string', pattern: '\\S' },
    evidence: { enum: ['relevant', 'any'] },
    report: { type: 'string', pattern: '\\S' },
    inprocess: { type: 'boolean' },
    hold: { type: 'boolean' },
    quiet: { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  additionalProperties: false,
};
const func2 = Object.prototype.hasOwnProperty;
const pattern0 = new RegExp('\\S', 'u');
const pattern3 = new RegExp('^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$', 'u');

function validate10(data, { instancePath = '', parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (errors === 0) {
    if (data && typeof data == 'object' && !Array.isArray(data)) {
      const _errs1 = errors;
      for (const key0 in data) {
        if (!func2.call(schema11.properties, key0)) {
          validate10.errors = [
            {
              instancePath,
              schemaPath: '#/additionalProperties',
              keyword: 'additionalProperties',
              params: { additionalProperty: key0 },
              message: 'must NOT have additional properties',
            },
          ];
          return false;
          break;
        }
      }
      if (_errs1 === errors) {
        if (data.$schema !== undefined) {
          const _errs2 = errors;
          if (typeof data.$schema !== 'string') {
            validate10.errors = [
              {
                instancePath: instancePath + '/$schema',
                schemaPath: '#/properties/%24schema/type',
                keyword: 'type',
                params: { type: 'string' },
                message: 'must be string',
              },
            ];
            return false;
          }
          var valid0 = _errs2 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.python !== undefined) {
            let data1 = data.python;
            const _errs4 = errors;
            if (errors === _errs4) {
              if (typeof data1 === 'string') {
                if (!pattern0.test(data1)) {
                  validate10.errors = [
                    {
                      instancePath: instancePath + '/python',
                      schemaPath: '#/properties/python/pattern',
                      keyword: 'pattern',
                      params: { pattern: '\\S' },
                      message: 'must match pattern "' + '\\S' + '"',
                    },
                  ];
                  return false;
                }
              } else {
                validate10.errors = [
                  {
                    instancePath: instancePath + '/python',
                    schemaPath: '#/properties/python/type',
                    keyword: 'type',
                    params: { type: 'string' },
                    message: 'must be string',
                  },
                ];
                return false;
              }
            }
            var valid0 = _errs4 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.watch !== undefined) {
              let data2 = data.watch;
              const _errs6 = errors;
              const _errs7 = errors;
              let valid1 = false;
              const _errs8 = errors;
              if (errors === _errs8) {
                if (typeof data2 === 'string') {
                  if (!pattern0.test(data2)) {
                    const err0 = {
                      instancePath: instancePath + '/watch',
                      schemaPath: '#/properties/watch/anyOf/0/pattern',
                      keyword: 'pattern',
                      params: { pattern: '\\S' },
                      message: 'must match pattern "' + '\\S' + '"',
                    };
                    if (vErrors === null) {
                      vErrors = [err0];
                    } else {
                      vErrors.push(err0);
                    }
                    errors++;
                  }
                } else {
                  const err1 = {
                    instancePath: instancePath + '/watch',
                    schemaPath: '#/properties/watch/anyOf/0/type',
                    keyword: 'type',
                    params: { type: 'string' },
                    message: 'must be string',
                  };
                  if (vErrors === null) {
                    vErrors = [err1];
                  } else {
                    vErrors.push(err1);
                  }
                  errors++;
                }
              }
              var _valid0 = _errs8 === errors;
              valid1 = valid1 || _valid0;
              if (!valid1) {
                const _errs10 = errors;
                if (errors === _errs10) {
                  if (Array.isArray(data2)) {
                    var valid2 = true;
                    const len0 = data2.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                      let data3 = data2[i0];
                      const _errs12 = errors;
                      if (errors === _errs12) {
                        if (typeof data3 === 'string') {
                          if (!pattern0.test(data3)) {
                            const err2 = {
                              instancePath: instancePath + '/watch/' + i0,
                              schemaPath: '#/properties/watch/anyOf/1/items/pattern',
                              keyword: 'pattern',
                              params: { pattern: '\\S' },
                              message: 'must match pattern "' + '\\S' + '"',
                            };
                            if (vErrors === null) {
                              vErrors = [err2];
                            } else {
                              vErrors.push(err2);
                            }
                            errors++;
                          }
                        } else {
                          const err3 = {
                            instancePath: instancePath + '/watch/' + i0,
                            schemaPath: '#/properties/watch/anyOf/1/items/type',
                            keyword: 'type',
                            params: { type: 'string' },
                            message: 'must be string',
                          };
                          if (vErrors === null) {
                            vErrors = [err3];
                          } else {
                            vErrors.push(err3);
                          }
                          errors++;
                        }
                      }
                      var valid2 = _errs12 === errors;
                      if (!valid2) {
                        break;
                      }
                    }
                  } else {
                    const err4 = {
                      instancePath: instancePath + '/watch',
                      schemaPath: '#/properties/watch/anyOf/1/type',
                      keyword: 'type',
                      params: { type: 'array' },
                      message: 'must be array',
                    };
                    if (vErrors === null) {
                      vErrors = [err4];
                    } else {
                      vErrors.push(err4);
                    }
                    errors++;
                  }
                }
                var _valid0 = _errs10 === errors;
                valid1 = valid1 || _valid0;
              }
              if (!valid1) {
                const err5 = {
                  instancePath: instancePath + '/watch',
                  schemaPath: '#/properties/watch/anyOf',
                  keyword: 'anyOf',
                  params: {},
                  message: 'must match a schema in anyOf',
                };
                if (vErrors === null) {
                  vErrors = [err5];
                } else {
                  vErrors.push(err5);
                }
                errors++;
                validate10.errors = vErrors;
                return false;
              } else {
                errors = _errs7;
                if (vErrors !== null) {
                  if (_errs7) {
                    vErrors.length = _errs7;
                  } else {
                    vErrors = null;
                  }
                }
              }
              var valid0 = _errs6 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.window !== undefined) {
                let data4 = data.window;
                const _errs14 = errors;
                const _errs15 = errors;
                let valid3 = false;
                const _errs16 = errors;
                if (errors === _errs16) {
                  if (typeof data4 == 'number' && isFinite(data4)) {
                    if (data4 < 0 || isNaN(data4)) {
                      const err6 = {
                        instancePath: instancePath + '/window',
                        schemaPath: '#/properties/window/anyOf/0/minimum',
                        keyword: 'minimum',
                        params: { comparison: '>=', limit: 0 },
                        message: 'must be >= 0',
                      };
                      if (vErrors === null) {
                        vErrors = [err6];
                      } else {
                        vErrors.push(err6);
                      }
                      errors++;
                    }
                  } else {
                    const err7 = {
                      instancePath: instancePath + '/window',
                      schemaPath: '#/properties/window/anyOf/0/type',
                      keyword: 'type',
                      params: { type: 'number' },
                      message: 'must be number',
                    };
                    if (vErrors === null) {
                      vErrors = [err7];
                    } else {
                      vErrors.push(err7);
                    }
                    errors++;
                  }
                }
                var _valid1 = _errs16 === errors;
                valid3 = valid3 || _valid1;
                if (!valid3) {
                  const _errs18 = errors;
                  if (errors === _errs18) {
                    if (typeof data4 === 'string') {
                      if (!pattern3.test(data4)) {
                        const err8 = {
                          instancePath: instancePath + '/window',
                          schemaPath: '#/properties/window/anyOf/1/pattern',
                          keyword: 'pattern',
                          params: { pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
                          message: 'must match pattern "' + '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' + '"',
                        };
                        if (vErrors === null) {
                          vErrors = [err8];
                        } else {
                          vErrors.push(err8);
                        }
                        errors++;
                      }
                    } else {
                      const err9 = {
                        instancePath: instancePath + '/window',
                        schemaPath: '#/properties/window/anyOf/1/type',
                        keyword: 'type',
                        params: { type: 'string' },
                        message: 'must be string',
                      };
                      if (vErrors === null) {
                        vErrors = [err9];
                      } else {
                        vErrors.push(err9);
                      }
                      errors++;
                    }
                  }
                  var _valid1 = _errs18 === errors;
                  valid3 = valid3 || _valid1;
                }
                if (!valid3) {
                  const err10 = {
                    instancePath: instancePath + '/window',
                    schemaPath: '#/properties/window/anyOf',
                    keyword: 'anyOf',
                    params: {},
                    message: 'must match a schema in anyOf',
                  };
                  if (vErrors === null) {
                    vErrors = [err10];
                  } else {
                    vErrors.push(err10);
                  }
                  errors++;
                  validate10.errors = vErrors;
                  return false;
                } else {
                  errors = _errs15;
                  if (vErrors !== null) {
                    if (_errs15) {
                      vErrors.length = _errs15;
                    } else {
                      vErrors = null;
                    }
                  }
                }
                var valid0 = _errs14 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.settle !== undefined) {
                  let data5 = data.settle;
                  const _errs20 = errors;
                  const _errs21 = errors;
                  let valid4 = false;
                  const _errs22 = errors;
                  if (errors === _errs22) {
                    if (typeof data5 == 'number' && isFinite(data5)) {
                      if (data5 < 0 || isNaN(data5)) {
                        const err11 = {
                          instancePath: instancePath + '/settle',
                          schemaPath: '#/properties/settle/anyOf/0/minimum',
                          keyword: 'minimum',
                          params: { comparison: '>=', limit: 0 },
                          message: 'must be >= 0',
                        };
                        if (vErrors === null) {
                          vErrors = [err11];
                        } else {
                          vErrors.push(err11);
                        }
                        errors++;
                      }
                    } else {
                      const err12 = {
                        instancePath: instancePath + '/settle',
                        schemaPath: '#/properties/settle/anyOf/0/type',
                        keyword: 'type',
                        params: { type: 'number' },
                        message: 'must be number',
                      };
                      if (vErrors === null) {
                        vErrors = [err12];
                      } else {
                        vErrors.push(err12);
                      }
                      errors++;
                    }
                  }
                  var _valid2 = _errs22 === errors;
                  valid4 = valid4 || _valid2;
                  if (!valid4) {
                    const _errs24 = errors;
                    if (errors === _errs24) {
                      if (typeof data5 === 'string') {
                        if (!pattern3.test(data5)) {
                          const err13 = {
                            instancePath: instancePath + '/settle',
                            schemaPath: '#/properties/settle/anyOf/1/pattern',
                            keyword: 'pattern',
                            params: { pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
                            message: 'must match pattern "' + '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' + '"',
                          };
                          if (vErrors === null) {
                            vErrors = [err13];
                          } else {
                            vErrors.push(err13);
                          }
                          errors++;
                        }
                      } else {
                        const err14 = {
                          instancePath: instancePath + '/settle',
                          schemaPath: '#/properties/settle/anyOf/1/type',
                          keyword: 'type',
                          params: { type: 'string' },
                          message: 'must be string',
                        };
                        if (vErrors === null) {
                          vErrors = [err14];
                        } else {
                          vErrors.push(err14);
                        }
                        errors++;
                      }
                    }
                    var _valid2 = _errs24 === errors;
                    valid4 = valid4 || _valid2;
                  }
                  if (!valid4) {
                    const err15 = {
                      instancePath: instancePath + '/settle',
                      schemaPath: '#/properties/settle/anyOf',
                      keyword: 'anyOf',
                      params: {},
                      message: 'must match a schema in anyOf',
                    };
                    if (vErrors === null) {
                      vErrors = [err15];
                    } else {
                      vErrors.push(err15);
                    }
                    errors++;
                    validate10.errors = vErrors;
                    return false;
                  } else {
                    errors = _errs21;
                    if (vErrors !== null) {
                      if (_errs21) {
                        vErrors.length = _errs21;
                      } else {
                        vErrors = null;
                      }
                    }
                  }
                  var valid0 = _errs20 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.maxWait !== undefined) {
                    let data6 = data.maxWait;
                    const _errs26 = errors;
                    const _errs27 = errors;
                    let valid5 = false;
                    const _errs28 = errors;
                    if (errors === _errs28) {
                      if (typeof data6 == 'number' && isFinite(data6)) {
                        if (data6 < 0 || isNaN(data6)) {
                          const err16 = {
                            instancePath: instancePath + '/maxWait',
                            schemaPath: '#/properties/maxWait/anyOf/0/minimum',
                            keyword: 'minimum',
                            params: { comparison: '>=', limit: 0 },
                            message: 'must be >= 0',
                          };
                          if (vErrors === null) {
                            vErrors = [err16];
                          } else {
                            vErrors.push(err16);
                          }
                          errors++;
                        }
                      } else {
                        const err17 = {
                          instancePath: instancePath + '/maxWait',
                          schemaPath: '#/properties/maxWait/anyOf/0/type',
                          keyword: 'type',
                          params: { type: 'number' },
                          message: 'must be number',
                        };
                        if (vErrors === null) {
                          vErrors = [err17];
                        } else {
                          vErrors.push(err17);
                        }
                        errors++;
                      }
                    }
                    var _valid3 = _errs28 === errors;
                    valid5 = valid5 || _valid3;
                    if (!valid5) {
                      const _errs30 = errors;
                      if (errors === _errs30) {
                        if (typeof data6 === 'string') {
                          if (!pattern3.test(data6)) {
                            const err18 = {
                              instancePath: instancePath + '/maxWait',
                              schemaPath: '#/properties/maxWait/anyOf/1/pattern',
                              keyword: 'pattern',
                              params: { pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
                              message: 'must match pattern "' + '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' + '"',
                            };
                            if (vErrors === null) {
                              vErrors = [err18];
                            } else {
                              vErrors.push(err18);
                            }
                            errors++;
                          }
                        } else {
                          const err19 = {
                            instancePath: instancePath + '/maxWait',
                            schemaPath: '#/properties/maxWait/anyOf/1/type',
                            keyword: 'type',
                            params: { type: 'string' },
                            message: 'must be string',
                          };
                          if (vErrors === null) {
                            vErrors = [err19];
                          } else {
                            vErrors.push(err19);
                          }
                          errors++;
                        }
                      }
                      var _valid3 = _errs30 === errors;
                      valid5 = valid5 || _valid3;
                    }
                    if (!valid5) {
                      const err20 = {
                        instancePath: instancePath + '/maxWait',
                        schemaPath: '#/properties/maxWait/anyOf',
                        keyword: 'anyOf',
                        params: {},
                        message: 'must match a schema in anyOf',
                      };
                      if (vErrors === null) {
                        vErrors = [err20];
                      } else {
                        vErrors.push(err20);
                      }
                      errors++;
                      validate10.errors = vErrors;
                      return false;
                    } else {
                      errors = _errs27;
                      if (vErrors !== null) {
                        if (_errs27) {
                          vErrors.length = _errs27;
                        } else {
                          vErrors = null;
                        }
                      }
                    }
                    var valid0 = _errs26 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.staleAfter !== undefined) {
                      let data7 = data.staleAfter;
                      const _errs32 = errors;
                      const _errs33 = errors;
                      let valid6 = false;
                      const _errs34 = errors;
                      if (errors === _errs34) {
                        if (typeof data7 == 'number' && isFinite(data7)) {
                          if (data7 < 0 || isNaN(data7)) {
                            const err21 = {
                              instancePath: instancePath + '/staleAfter',
                              schemaPath: '#/properties/staleAfter/anyOf/0/minimum',
                              keyword: 'minimum',
                              params: { comparison: '>=', limit: 0 },
                              message: 'must be >= 0',
                            };
                            if (vErrors === null) {
                              vErrors = [err21];
                            } else {
                              vErrors.push(err21);
                            }
                            errors++;
                          }
                        } else {
                          const err22 = {
                            instancePath: instancePath + '/staleAfter',
                            schemaPath: '#/properties/staleAfter/anyOf/0/type',
                            keyword: 'type',
                            params: { type: 'number' },
                            message: 'must be number',
                          };
                          if (vErrors === null) {
                            vErrors = [err22];
                          } else {
                            vErrors.push(err22);
                          }
                          errors++;
                        }
                      }
                      var _valid4 = _errs34 === errors;
                      valid6 = valid6 || _valid4;
                      if (!valid6) {
                        const _errs36 = errors;
                        if (errors === _errs36) {
                          if (typeof data7 === 'string') {
                            if (!pattern3.test(data7)) {
                              const err23 = {
                                instancePath: instancePath + '/staleAfter',
                                schemaPath: '#/properties/staleAfter/anyOf/1/pattern',
                                keyword: 'pattern',
                                params: { pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
                                message: 'must match pattern "' + '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' + '"',
                              };
                              if (vErrors === null) {
                                vErrors = [err23];
                              } else {
                                vErrors.push(err23);
                              }
                              errors++;
                            }
                          } else {
                            const err24 = {
                              instancePath: instancePath + '/staleAfter',
                              schemaPath: '#/properties/staleAfter/anyOf/1/type',
                              keyword: 'type',
                              params: { type: 'string' },
                              message: 'must be string',
                            };
                            if (vErrors === null) {
                              vErrors = [err24];
                            } else {
                              vErrors.push(err24);
                            }
                            errors++;
                          }
                        }
                        var _valid4 = _errs36 === errors;
                        valid6 = valid6 || _valid4;
                      }
                      if (!valid6) {
                        const err25 = {
                          instancePath: instancePath + '/staleAfter',
                          schemaPath: '#/properties/staleAfter/anyOf',
                          keyword: 'anyOf',
                          params: {},
                          message: 'must match a schema in anyOf',
                        };
                        if (vErrors === null) {
                          vErrors = [err25];
                        } else {
                          vErrors.push(err25);
                        }
                        errors++;
                        validate10.errors = vErrors;
                        return false;
                      } else {
                        errors = _errs33;
                        if (vErrors !== null) {
                          if (_errs33) {
                            vErrors.length = _errs33;
                          } else {
                            vErrors = null;
                          }
                        }
                      }
                      var valid0 = _errs32 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.killAfter !== undefined) {
                        let data8 = data.killAfter;
                        const _errs38 = errors;
                        const _errs39 = errors;
                        let valid7 = false;
                        const _errs40 = errors;
                        if (errors === _errs40) {
                          if (typeof data8 == 'number' && isFinite(data8)) {
                            if (data8 < 0 || isNaN(data8)) {
                              const err26 = {
                                instancePath: instancePath + '/killAfter',
                                schemaPath: '#/properties/killAfter/anyOf/0/minimum',
                                keyword: 'minimum',
                                params: { comparison: '>=', limit: 0 },
                                message: 'must be >= 0',
                              };
                              if (vErrors === null) {
                                vErrors = [err26];
                              } else {
                                vErrors.push(err26);
                              }
                              errors++;
                            }
                          } else {
                            const err27 = {
                              instancePath: instancePath + '/killAfter',
                              schemaPath: '#/properties/killAfter/anyOf/0/type',
                              keyword: 'type',
                              params: { type: 'number' },
                              message: 'must be number',
                            };
                            if (vErrors === null) {
                              vErrors = [err27];
                            } else {
                              vErrors.push(err27);
                            }
                            errors++;
                          }
                        }
                        var _valid5 = _errs40 === errors;
                        valid7 = valid7 || _valid5;
                        if (!valid7) {
                          const _errs42 = errors;
                          if (errors === _errs42) {
                            if (typeof data8 === 'string') {
                              if (!pattern3.test(data8)) {
                                const err28 = {
                                  instancePath: instancePath + '/killAfter',
                                  schemaPath: '#/properties/killAfter/anyOf/1/pattern',
                                  keyword: 'pattern',
                                  params: { pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' },
                                  message:
                                    'must match pattern "' + '^\\s*\\d+(\\.\\d+)?\\s*(ms|s)?\\s*$' + '"',
                                };
                                if (vErrors === null) {
                                  vErrors = [err28];
                                } else {
                                  vErrors.push(err28);
                                }
                                errors++;
                              }
                            } else {
                              const err29 = {
                                instancePath: instancePath + '/killAfter',
                                schemaPath: '#/properties/killAfter/anyOf/1/type',
                                keyword: 'type',
                                params: { type: 'string' },
                                message: 'must be string',
                              };
                              if (vErrors === null) {
                                vErrors = [err29];
                              } else {
                                vErrors.push(err29);
                              }
                              errors++;
                            }
                          }
                          var _valid5 = _errs42 === errors;
                          valid7 = valid7 || _valid5;
                        }
                        if (!valid7) {
                          const err30 = {
                            instancePath: instancePath + '/killAfter',
                            schemaPath: '#/properties/killAfter/anyOf',
                            keyword: 'anyOf',
                            params: {},
                            message: 'must match a schema in anyOf',
                          };
                          if (vErrors === null) {
                            vErrors = [err30];
                          } else {
                            vErrors.push(err30);
                          }
                          errors++;
                          validate10.errors = vErrors;
                          return false;
                        } else {
                          errors = _errs39;
                          if (vErrors !== null) {
                            if (_errs39) {
                              vErrors.length = _errs39;
                            } else {
                              vErrors = null;
                            }
                          }
                        }
                        var valid0 = _errs38 === errors;
                      } else {
                        var valid0 = true;
                      }
                      if (valid0) {
                        if (data.retries !== undefined) {
                          let data9 = data.retries;
                          const _errs44 = errors;
                          if (
                            !(typeof data9 == 'number' && !(data9 % 1) && !isNaN(data9) && isFinite(data9))
                          ) {
                            validate10.errors = [
                              {
                                instancePath: instancePath + '/retries',
                                schemaPath: '#/properties/retries/type',
                                keyword: 'type',
                                params: { type: 'integer' },
                                message: 'must be integer',
                              },
                            ];
                            return false;
                          }
                          if (errors === _errs44) {
                            if (typeof data9 == 'number' && isFinite(data9)) {
                              if (data9 < 0 || isNaN(data9)) {
                                validate10.errors = [
                                  {
                                    instancePath: instancePath + '/retries',
                                    schemaPath: '#/properties/retries/minimum',
                                    keyword: 'minimum',
                                    params: { comparison: '>=', limit: 0 },
                                    message: 'must be >= 0',
                                  },
                                ];
                                return false;
                              }
                            }
                          }
                          var valid0 = _errs44 === errors;
                        } else {
                          var valid0 = true;
                        }
                        if (valid0) {
                          if (data.onRetry !== undefined) {
                            let data10 = data.onRetry;
                            const _errs46 = errors;
                            if (errors === _errs46) {
                              if (typeof data10 === 'string') {
                                if (!pattern0.test(data10)) {
                                  validate10.errors = [
                                    {
                                      instancePath: instancePath + '/onRetry',
                                      schemaPath: '#/properties/onRetry/pattern',
                                      keyword: 'pattern',
                                      params: { pattern: '\\S' },
                                      message: 'must match pattern "' + '\\S' + '"',
                                    },
                                  ];
                                  return false;
                                }
                              } else {
                                validate10.errors = [
                                  {
                                    instancePath: instancePath + '/onRetry',
                                    schemaPath: '#/properties/onRetry/type',
                                    keyword: 'type',
                                    params: { type: 'string' },
                                    message: 'must be string',
                                  },
                                ];
                                return false;
                              }
                            }
                            var valid0 = _errs46 === errors;
                          } else {
                            var valid0 = true;
                          }
                          if (valid0) {
                            if (data.evidence !== undefined) {
                              let data11 = data.evidence;
                              const _errs48 = errors;
                              if (!(data11 === 'relevant' || data11 === 'any')) {
                                validate10.errors = [
                                  {
                                    instancePath: instancePath + '/evidence',
                                    schemaPath: '#/properties/evidence/enum',
                                    keyword: 'enum',
                                    params: { allowedValues: schema11.properties.evidence.enum },
                                    message: 'must be equal to one of the allowed values',
                                  },
                                ];
                                return false;
                              }
                              var valid0 = _errs48 === errors;
                            } else {
                              var valid0 = true;
                            }
                            if (valid0) {
                              if (data.report !== undefined) {
                                let data12 = data.report;
                                const _errs49 = errors;
                                if (errors === _errs49) {
                                  if (typeof data12 === 'string') {
                                    if (!pattern0.test(data12)) {
                                      validate10.errors = [
                                        {
                                          instancePath: instancePath + '/report',
                                          schemaPath: '#/properties/report/pattern',
                                          keyword: 'pattern',
                                          params: { pattern: '\\S' },
                                          message: 'must match pattern "' + '\\S' + '"',
                                        },
                                      ];
                                      return false;
                                    }
                                  } else {
                                    validate10.errors = [
                                      {
                                        instancePath: instancePath + '/report',
                                        schemaPath: '#/properties/report/type',
                                        keyword: 'type',
                                        params: { type: 'string' },
                                        message: 'must be string',
                                      },
                                    ];
                                    return false;
                                  }
                                }
                                var valid0 = _errs49 === errors;
                              } else {
                                var valid0 = true;
                              }
                              if (valid0) {
                                if (data.inprocess !== undefined) {
                                  const _errs51 = errors;
                                  if (typeof data.inprocess !== 'boolean') {
                                    validate10.errors = [
                                      {
                                        instancePath: instancePath + '/inprocess',
                                        schemaPath: '#/properties/inprocess/type',
                                        keyword: 'type',
                                        params: { type: 'boolean' },
                                        message: 'must be boolean',
                                      },
                                    ];
                                    return false;
                                  }
                                  var valid0 = _errs51 === errors;
                                } else {
                                  var valid0 = true;
                                }
                                if (valid0) {
                                  if (data.hold !== undefined) {
                                    const _errs53 = errors;
                                    if (typeof data.hold !== 'boolean') {
                                      validate10.errors = [
                                        {
                                          instancePath: instancePath + '/hold',
                                          schemaPath: '#/properties/hold/type',
                                          keyword: 'type',
                                          params: { type: 'boolean' },
                                          message: 'must be boolean',
                                        },
                                      ];
                                      return false;
                                    }
                                    var valid0 = _errs53 === errors;
                                  } else {
                                    var valid0 = true;
                                  }
                                  if (valid0) {
                                    if (data.quiet !== undefined) {
                                      const _errs55 = errors;
                                      if (typeof data.quiet !== 'boolean') {
                                        validate10.errors = [
                                          {
                                            instancePath: instancePath + '/quiet',
                                            schemaPath: '#/properties/quiet/type',
                                            keyword: 'type',
                                            params: { type: 'boolean' },
                                            message: 'must be boolean',
                                          },
                                        ];
                                        return false;
                                      }
                                      var valid0 = _errs55 === errors;
                                    } else {
                                      var valid0 = true;
                                    }
                                    if (valid0) {
                                      if (data.verbose !== undefined) {
                                        const _errs57 = errors;
                                        if (typeof data.verbose !== 'boolean') {
                                          validate10.errors = [
                                            {
                                              instancePath: instancePath + '/verbose',
                                              schemaPath: '#/properties/verbose/type',
                                              keyword: 'type',
                                              params: { type: 'boolean' },
                                              message: 'must be boolean',
                                            },
                                          ];
                                          return false;
                                        }
                                        var valid0 = _errs57 === errors;
                                      } else {
                                        var valid0 = true;
                                      }
                                    }
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate10.errors = [
        {
          instancePath,
          schemaPath: '#/type',
          keyword: 'type',
          params: { type: 'object' },
          message: 'must be object',
        },
      ];
      return false;
    }
  }
  validate10.errors = vErrors;
  return errors === 0;
}
