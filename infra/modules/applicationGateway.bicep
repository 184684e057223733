metadata name = 'Application Gateway WAF v2'
metadata description = 'The public entry point: TLS termination with a Key Vault certificate, the Web Application Firewall in prevention mode, zone-redundant autoscaling sized for one WebSocket per register. Chosen over Front Door because of the WebSocket connection limit (docs/operations.md, "Entry point").'

@description('Required. Name of the Application Gateway.')
param name string

@description('Optional. Location for all resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Required. The dedicated subnet of the gateway.')
param subnetResourceId string

@description('Required. Managed identity that reads the TLS certificate from Key Vault.')
param managedIdentityResourceId string

@description('Required. Versionless Key Vault URI (https://<vault>.vault.azure.net/secrets/<name>) of the TLS certificate of the public host name.')
param tlsCertificateUri string

@description('Required. The public host name registers and browsers use, such as pos.example-pharmacy.com.')
param publicHostName string

@description('Required. The host name of the web app behind the gateway.')
param backendHostName string

@description('Required. The path the gateway probes.')
param healthCheckPath string

@description('Optional. Fewest gateway instances; each holds up to 13,500 TLS WebSocket connections.')
@minValue(2)
@maxValue(125)
param minimumCapacity int = 2

@description('Optional. Most gateway instances.')
@minValue(2)
@maxValue(125)
param maximumCapacity int = 10

@description('Required. Log Analytics workspace for access and firewall logs.')
param workspaceResourceId string

resource publicIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip-${name}'
  location: location
  tags: tags
  zones: [
    '1'
    '2'
    '3'
  ]
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource wafPolicy 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2024-05-01' = {
  name: 'waf-${name}'
  location: location
  tags: tags
  properties: {
    policySettings: {
      state: 'Enabled'
      mode: 'Prevention'
      requestBodyCheck: true
      maxRequestBodySizeInKb: 128
      fileUploadLimitInMb: 100
    }
    managedRules: {
      managedRuleSets: [
        {
          ruleSetType: 'Microsoft_DefaultRuleSet'
          ruleSetVersion: '2.1'
        }
        {
          ruleSetType: 'Microsoft_BotManagerRuleSet'
          ruleSetVersion: '1.1'
        }
      ]
    }
  }
}

resource gateway 'Microsoft.Network/applicationGateways@2024-05-01' = {
  name: name
  location: location
  tags: tags
  zones: [
    '1'
    '2'
    '3'
  ]
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${managedIdentityResourceId}': {}
    }
  }
  properties: {
    sku: {
      name: 'WAF_v2'
      tier: 'WAF_v2'
    }
    autoscaleConfiguration: {
      minCapacity: minimumCapacity
      maxCapacity: maximumCapacity
    }
    enableHttp2: true
    firewallPolicy: {
      id: wafPolicy.id
    }
    sslPolicy: {
      policyType: 'Predefined'
      policyName: 'AppGwSslPolicy20220101S'
    }
    gatewayIPConfigurations: [
      {
        name: 'gateway'
        properties: {
          subnet: {
            id: subnetResourceId
          }
        }
      }
    ]
    frontendIPConfigurations: [
      {
        name: 'public'
        properties: {
          publicIPAddress: {
            id: publicIp.id
          }
        }
      }
    ]
    frontendPorts: [
      {
        name: 'https'
        properties: {
          port: 443
        }
      }
      {
        name: 'http'
        properties: {
          port: 80
        }
      }
    ]
    sslCertificates: [
      {
        name: 'public'
        properties: {
          keyVaultSecretId: tlsCertificateUri
        }
      }
    ]
    backendAddressPools: [
      {
        name: 'app'
        properties: {
          backendAddresses: [
            {
              fqdn: backendHostName
            }
          ]
        }
      }
    ]
    probes: [
      {
        name: 'ready'
        properties: {
          protocol: 'Https'
          path: healthCheckPath
          interval: 15
          timeout: 10
          unhealthyThreshold: 3
          pickHostNameFromBackendHttpSettings: true
          match: {
            statusCodes: [
              '200'
            ]
          }
        }
      }
    ]
    backendHttpSettingsCollection: [
      {
        name: 'app'
        properties: {
          port: 443
          protocol: 'Https'
          pickHostNameFromBackendAddress: true
          // One backend (the app); App Service keeps each browser on the instance that
          // holds its circuit with its own affinity cookie.
          cookieBasedAffinity: 'Disabled'
          requestTimeout: 60
          probe: {
            id: resourceId('Microsoft.Network/applicationGateways/probes', name, 'ready')
          }
        }
      }
    ]
    httpListeners: [
      {
        name: 'https'
        properties: {
          frontendIPConfiguration: {
            id: resourceId('Microsoft.Network/applicationGateways/frontendIPConfigurations', name, 'public')
          }
          frontendPort: {
            id: resourceId('Microsoft.Network/applicationGateways/frontendPorts', name, 'https')
          }
          protocol: 'Https'
          hostName: publicHostName
          requireServerNameIndication: true
          sslCertificate: {
            id: resourceId('Microsoft.Network/applicationGateways/sslCertificates', name, 'public')
          }
        }
      }
      {
        name: 'http'
        properties: {
          frontendIPConfiguration: {
            id: resourceId('Microsoft.Network/applicationGateways/frontendIPConfigurations', name, 'public')
          }
          frontendPort: {
            id: resourceId('Microsoft.Network/applicationGateways/frontendPorts', name, 'http')
          }
          protocol: 'Http'
          hostName: publicHostName
        }
      }
    ]
    redirectConfigurations: [
      {
        name: 'to-https'
        properties: {
          redirectType: 'Permanent'
          includePath: true
          includeQueryString: true
          targetListener: {
            id: resourceId('Microsoft.Network/applicationGateways/httpListeners', name, 'https')
          }
        }
      }
    ]
    requestRoutingRules: [
      {
        name: 'app'
        properties: {
          ruleType: 'Basic'
          priority: 100
          httpListener: {
            id: resourceId('Microsoft.Network/applicationGateways/httpListeners', name, 'https')
          }
          backendAddressPool: {
            id: resourceId('Microsoft.Network/applicationGateways/backendAddressPools', name, 'app')
          }
          backendHttpSettings: {
            id: resourceId('Microsoft.Network/applicationGateways/backendHttpSettingsCollection', name, 'app')
          }
        }
      }
      {
        name: 'http-to-https'
        properties: {
          ruleType: 'Basic'
          priority: 200
          httpListener: {
            id: resourceId('Microsoft.Network/applicationGateways/httpListeners', name, 'http')
          }
          redirectConfiguration: {
            id: resourceId('Microsoft.Network/applicationGateways/redirectConfigurations', name, 'to-https')
          }
        }
      }
    ]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-workspace'
  scope: gateway
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('The resource ID of the Application Gateway.')
output resourceId string = gateway.id

@description('The public IP address to point the public host name at.')
output publicIpAddress string = publicIp.properties.ipAddress

@description('The resource ID of the WAF policy.')
output wafPolicyResourceId string = wafPolicy.id
