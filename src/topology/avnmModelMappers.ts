import type { MapperProperty, MapperSet } from './sdkModelMappers';

const at = (serializedName: string, name = 'String'): MapperProperty => ({ serializedName, type: { name } });

/**
 * A network manager's deployment status as Dualstack holds it (one resource per region and commit type,
 * the fields of a listDeploymentStatus item under `properties`): where a flattened copy's fields go.
 */
export const avnmModelMappers: MapperSet = {
  NetworkManagerDeploymentStatusResource: {
    type: {
      modelProperties: {
        commitTime: at('properties.commitTime'),
        region: at('properties.region'),
        deploymentStatus: at('properties.deploymentStatus'),
        configurationIds: at('properties.configurationIds', 'Sequence'),
        deploymentType: at('properties.deploymentType'),
        errorMessage: at('properties.errorMessage'),
      },
    },
  },
};
